using Locus.Core.Errors;

namespace Locus.Routing.Policy;

/// <summary>The errors a routing decision can end in, worded for the person who sent the request.</summary>
internal static class RouteErrors
{
    public static LocusError Denied(string message, string code) => new(LocusErrorKind.PolicyDenied, message, null, code);

    /// <summary>
    /// A prompt no target this request may use can hold, with the numbers a client needs to shorten it: the prompt's
    /// tokens (counted or estimated), the room it needs for an answer, and the largest context it was allowed.
    /// </summary>
    public static LocusError ContextTooLarge((int Tokens, bool Counted) prompt, int output, string largest, int largestContext, string why) =>
        new(LocusErrorKind.ContextOverflow,
            $"This request's prompt is {(prompt.Counted ? "" : "about ")}{prompt.Tokens:N0} tokens and needs room for {output:N0} more for the answer; " +
            $"the largest context available to it is {largestContext:N0} tokens ('{largest}'), and no other target may take it: {why}. " +
            "Shorten the conversation" + (output > DecisionState.MinimumOutputRoom ? " or lower max_tokens." : "."),
            "messages", "context_length_exceeded");

    public static LocusError Offline(string why) => new(LocusErrorKind.Unavailable,
        $"No target can serve this request now: {why}.", null, "no_target_available");

    public static LocusError ToolsUnsupported(string target, string? why = null) => new(LocusErrorKind.InvalidRequest,
        $"This request uses tools, which target '{target}' cannot call, and no other target may take it{Because(why)}. " +
        "Configure a target that can (tools: true) or send the request without tools.", "tools", "tools_unsupported");

    public static LocusError JsonSchemaUnsupported(string target, string? why = null) => new(LocusErrorKind.InvalidRequest,
        $"This request asks for JSON output (response_format), which target '{target}' cannot produce, and no other target may take it{Because(why)}. " +
        "Configure a target that can (json_schema: true) or send the request without response_format.", "response_format", "json_schema_unsupported");

    /// <summary>The error for a request that needs a capability <paramref name="target"/> lacks ("tools" or "json_schema").</summary>
    public static LocusError CompletionsUnsupported(string target, string? why = null) => new(LocusErrorKind.InvalidRequest,
        $"This is a raw prompt (/v1/completions), which target '{target}' cannot complete, and no other target may take it{Because(why)}. " +
        "Use /v1/chat/completions, or a model that does raw text completions.", "model", "unsupported_model");

    /// <summary>The error for a request that needs a capability <paramref name="target"/> lacks ("completions", "tools" or "json_schema").</summary>
    public static LocusError Unsupported(string capability, string target, string? why = null) => capability switch
    {
        "completions" => CompletionsUnsupported(target, why),
        "tools" => ToolsUnsupported(target, why),
        _ => JsonSchemaUnsupported(target, why),
    };

    private static string Because(string? why) => why is null ? "" : $" ({why})";
}
