using System.Text.Json;

namespace Locus.Llama.Tools;

/// <summary>
/// Composes the GBNF grammar that makes a model write well-formed tool calls in its family's syntax, with each
/// call's arguments following that tool's parameter schema (through <see cref="IGrammarRules.AddSchema"/>).
/// </summary>
internal static class ToolCallGrammar
{
    internal const string Ws = "tool-ws";
    internal const string AnyCall = "tool-call";

    public static ToolCallGrammarPlan Build(
        ToolCallFormat format,
        IReadOnlyList<ToolSpec> tools,
        ToolChoiceKind choice,
        string? namedTool,
        bool parallel,
        IGrammarRules rules)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentNullException.ThrowIfNull(rules);
        if (tools.Count == 0)
        {
            throw new ArgumentException("At least one tool is needed to build a tool-call grammar.", nameof(tools));
        }

        var offered = Offered(tools, choice, namedTool);

        // One space or newline at most around the call's JSON: a model cannot spend its tokens on indentation, and a
        // weak one that favours newlines still reaches the end of the call.
        rules.AddRule(Ws, "[ \\n]?");
        var callRules = new List<string>(offered.Count);
        for (var i = 0; i < offered.Count; i++)
        {
            var tool = offered[i];
            var args = rules.AddSchema(tool.ParametersSchema, $"tool-{i}-{Gbnf.RuleName(tool.Name)}-args");
            var call = $"tool-{i}-call";
            rules.AddRule(call, CallBody(format, tool.Name, args));
            callRules.Add(call);
        }

        rules.AddRule(AnyCall, string.Join(" | ", callRules));
        rules.AddRule("root", Root(format, choice, parallel, rules));

        var lazy = choice == ToolChoiceKind.Auto && format.Family != ToolCallFamily.Generic;
        return new ToolCallGrammarPlan(
            rules.Build(),
            lazy,
            lazy ? format.TriggerPatterns : [],
            lazy ? format.TriggerTokenTexts : []);
    }

    private static List<ToolSpec> Offered(IReadOnlyList<ToolSpec> tools, ToolChoiceKind choice, string? namedTool)
    {
        foreach (var tool in tools)
        {
            if (tool is null || string.IsNullOrEmpty(tool.Name))
            {
                throw new ArgumentException("Every tool needs a name.", nameof(tools));
            }
        }

        if (choice != ToolChoiceKind.Named)
        {
            return [.. tools];
        }

        if (string.IsNullOrEmpty(namedTool))
        {
            throw new ArgumentException("A named tool choice needs the tool's name.", nameof(namedTool));
        }

        var named = tools.FirstOrDefault(t => t.Name == namedTool)
            ?? throw new ArgumentException($"The named tool '{namedTool}' is not among the tools offered.", nameof(namedTool));
        return [named];
    }

    /// <summary>The JSON string literal of a name, as a GBNF literal (names with quotes or escapes stay exact).</summary>
    private static string JsonName(string name) => Gbnf.Literal(JsonSerializer.Serialize(name));

    private static string Key(string key) => $"{Gbnf.Literal(JsonSerializer.Serialize(key))} {Ws} \":\" {Ws}";

    /// <summary>One call of one tool, in the family's syntax.</summary>
    private static string CallBody(ToolCallFormat format, string name, string args) => format.Family switch
    {
        ToolCallFamily.Generic or ToolCallFamily.Hermes or ToolCallFamily.Llama3 =>
            $"\"{{\" {Ws} {Key(format.NameKey!)} {JsonName(name)} {Ws} \",\" {Ws} {Key(format.ArgumentsKey!)} {args} {Ws} \"}}\"",
        ToolCallFamily.MistralJsonArray =>
            $"\"{{\" {Ws} {Key("name")} {JsonName(name)} {Ws} \",\" {Ws} {Key("arguments")} {args} "
            + $"( {Ws} \",\" {Ws} {Key("id")} \"\\\"\" [a-zA-Z0-9]{{9}} \"\\\"\" )? {Ws} \"}}\"",
        ToolCallFamily.MistralNamedArgs =>
            $"{Gbnf.Literal(ToolCallFormat.MistralCalls + name)} "
            + (format.CallIdMarker is null ? "" : $"( {Gbnf.Literal(format.CallIdMarker)} [a-zA-Z0-9]{{9}} )? ")
            + $"{Gbnf.Literal(ToolCallFormat.MistralArgs)} {args}",
        ToolCallFamily.DeepSeekR1 =>
            $"{Gbnf.Literal(ToolCallFormat.DeepSeekCallBegin + "function" + ToolCallFormat.DeepSeekSep + name + "\n```json\n")} "
            + $"{args} {Gbnf.Literal("\n```" + ToolCallFormat.DeepSeekCallEnd)}",
        ToolCallFamily.DeepSeekV31 =>
            $"{Gbnf.Literal(ToolCallFormat.DeepSeekCallBegin + name + ToolCallFormat.DeepSeekSep)} {args} "
            + Gbnf.Literal(ToolCallFormat.DeepSeekCallEnd),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format.Family, "Unknown tool-call family."),
    };

    /// <summary>The whole constrained region: one call, or several when <paramref name="parallel"/>.</summary>
    private static string Root(ToolCallFormat format, ToolChoiceKind choice, bool parallel, IGrammarRules rules)
    {
        string Repeat(string one, string separator) => parallel ? $"{one} ( {separator} {one} )*" : one;

        switch (format.Family)
        {
            case ToolCallFamily.Hermes:
                rules.AddRule("tool-block", $"{Gbnf.Literal(ToolCallFormat.HermesOpen + "\n")} {AnyCall} {Gbnf.Literal("\n" + ToolCallFormat.HermesClose)}");
                return Repeat("tool-block", Ws);
            case ToolCallFamily.Llama3:
                return $"{Gbnf.Literal(ToolCallFormat.PythonTag)}? {Repeat(AnyCall, Gbnf.Literal(format.ParallelSeparator))}";
            case ToolCallFamily.MistralJsonArray:
                return $"{Gbnf.Literal(ToolCallFormat.MistralCalls + "[")} {Ws} {Repeat(AnyCall, $"{Ws} \",\" {Ws}")} {Ws} \"]\"";
            case ToolCallFamily.MistralNamedArgs:
                return Repeat(AnyCall, "");
            case ToolCallFamily.DeepSeekR1:
            case ToolCallFamily.DeepSeekV31:
                return $"{Gbnf.Literal(ToolCallFormat.DeepSeekCallsBegin)} {Repeat(AnyCall, "")} {Gbnf.Literal(ToolCallFormat.DeepSeekCallsEnd)}";
            case ToolCallFamily.Generic:
                var calls = $"\"{{\" {Ws} {Key("tool_calls")} \"[\" {Ws} {Repeat(AnyCall, $"{Ws} \",\" {Ws}")} {Ws} \"]\" {Ws} \"}}\"";
                if (choice != ToolChoiceKind.Auto)
                {
                    return calls;
                }

                rules.AddRule("tool-string", "\"\\\"\" ( [^\"\\\\\\x7F\\x00-\\x1F] | \"\\\\\" ( [\"\\\\/bfnrt] | \"u\" ( [0-9a-cA-Ce-fE-F] [0-9a-fA-F]{3} | [dD] [0-7] [0-9a-fA-F]{2} ) ) )* \"\\\"\"");
                return $"{calls} | \"{{\" {Ws} {Key("response")} tool-string {Ws} \"}}\"";
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format.Family, "Unknown tool-call family.");
        }
    }
}
