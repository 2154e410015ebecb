namespace Locus.Llama.Tools;

internal sealed partial record ToolCallFormat
{
    internal const string HermesOpen = "<tool_call>";
    internal const string HermesClose = "</tool_call>";
    internal const string PythonTag = "<|python_tag|>";
    internal const string EndOfMessage = "<|eom_id|>";
    internal const string EndOfTurn = "<|eot_id|>";
    internal const string MistralCalls = "[TOOL_CALLS]";
    internal const string MistralArgs = "[ARGS]";
    internal const string MistralCallId = "[CALL_ID]";
    internal const string DeepSeekCallsBegin = "<｜tool▁calls▁begin｜>";
    internal const string DeepSeekCallsEnd = "<｜tool▁calls▁end｜>";
    internal const string DeepSeekCallBegin = "<｜tool▁call▁begin｜>";
    internal const string DeepSeekCallEnd = "<｜tool▁call▁end｜>";
    internal const string DeepSeekSep = "<｜tool▁sep｜>";

    /// <summary>The first capture group starts at <paramref name="literal"/> wherever it first appears.</summary>
    private static string AnywhereTrigger(string literal) =>
        @"[\s\S]*?(" + System.Text.RegularExpressions.Regex.Escape(literal) + @")[\s\S]*";

    public static ToolCallFormat Generic { get; } = new(
        ToolCallFamily.Generic, ["{"], ["}"], "name", "arguments", CallsAsArray: true, ", ", null,
        [], [], [], StartAnchored: true, RecoveryLiteral: null, TemplateRendersTools: false);

    public static ToolCallFormat Hermes { get; } = new(
        ToolCallFamily.Hermes, [HermesOpen], [HermesClose], "name", "arguments", CallsAsArray: false, "\n", null,
        [AnywhereTrigger(HermesOpen)], [HermesOpen], [], StartAnchored: false, RecoveryLiteral: HermesClose, TemplateRendersTools: true);

    public static ToolCallFormat Llama3 { get; } = new(
        ToolCallFamily.Llama3, [PythonTag], [], "name", "parameters", CallsAsArray: false, "\n", null,
        [@"\s*(\{\s*""name""\s*:)[\s\S]*", AnywhereTrigger(PythonTag)], [PythonTag], [PythonTag, EndOfMessage, EndOfTurn],
        StartAnchored: true, RecoveryLiteral: null, TemplateRendersTools: true);

    public static ToolCallFormat MistralJsonArray { get; } = new(
        ToolCallFamily.MistralJsonArray, [MistralCalls], ["]"], "name", "arguments", CallsAsArray: true, ", ", null,
        [AnywhereTrigger(MistralCalls)], [MistralCalls], [], StartAnchored: false, RecoveryLiteral: null, TemplateRendersTools: true);

    /// <summary>Devstral and Ministral 3: no call id.</summary>
    public static ToolCallFormat MistralNamedArgs { get; } = new(
        ToolCallFamily.MistralNamedArgs, [MistralCalls], [], null, null, CallsAsArray: false, "", null,
        [AnywhereTrigger(MistralCalls)], [MistralCalls], [], StartAnchored: false, RecoveryLiteral: null, TemplateRendersTools: true);

    /// <summary>Mistral Small 3.2: the model writes a 9-character call id after "[CALL_ID]".</summary>
    public static ToolCallFormat MistralNamedArgsWithId { get; } = MistralNamedArgs with { CallIdMarker = MistralCallId };

    public static ToolCallFormat DeepSeekR1 { get; } = new(
        ToolCallFamily.DeepSeekR1, [DeepSeekCallsBegin, DeepSeekCallBegin], [DeepSeekCallEnd, DeepSeekCallsEnd], null, null,
        CallsAsArray: false, "", null, [AnywhereTrigger(DeepSeekCallsBegin)], [DeepSeekCallsBegin], [],
        StartAnchored: false, RecoveryLiteral: DeepSeekCallsEnd, TemplateRendersTools: true);

    public static ToolCallFormat DeepSeekV31 { get; } = DeepSeekR1 with { Family = ToolCallFamily.DeepSeekV31 };

    /// <summary>
    /// The format a chat template's Jinja source shows. Templates with no syntax we know (no template, XML-argument
    /// formats such as Qwen3-Coder's or GLM's, DeepSeek's DSML, …) get <see cref="Generic"/>.
    /// </summary>
    public static ToolCallFormat Detect(string? templateSource)
    {
        if (string.IsNullOrEmpty(templateSource))
        {
            return Generic;
        }

        bool Has(string s) => templateSource.Contains(s, StringComparison.Ordinal);

        if (Has("tool▁calls▁begin") && Has("tool▁sep"))
        {
            // R1 writes the call's type and a ```json fence; V3.1 writes the name straight after the call opener.
            return Has("```json") ? DeepSeekR1 : DeepSeekV31;
        }

        if (Has(MistralCalls))
        {
            if (!Has(MistralArgs))
            {
                return MistralJsonArray;
            }

            return Has(MistralCallId) ? MistralNamedArgsWithId : MistralNamedArgs;
        }

        // Several families wrap XML-style arguments in <tool_call> (Qwen3-Coder's <function=…>, GLM's <arg_key>,
        // MiniMax's <invoke>); Apriel 1.5 writes a <tool_calls> list. Only the JSON body is Hermes.
        if (Has(HermesOpen) && Has("arguments") && (Has("\"name\"") || Has("\\\"name\\\""))
            && !Has("<function=") && !Has("<arg_key>") && !Has("<invoke") && !Has("<parameter=") && !Has("<tool_calls>"))
        {
            return Hermes;
        }

        // Functionary 3.1 and FireFunction v2 share the Llama 3 header tokens but write calls their own way.
        if (Has("<|start_header_id|>") && Has("\"parameters\"") && !Has("<function=") && !Has("functools"))
        {
            return Llama3;
        }

        return Generic;
    }
}
