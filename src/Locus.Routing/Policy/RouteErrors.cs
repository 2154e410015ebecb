using Locus.Core.Errors;

namespace Locus.Routing.Policy;

/// <summary>The errors a routing decision can end in, worded for the person who sent the request.</summary>
internal static class RouteErrors
{
    public static LocusError Denied(string message, string code) => new(LocusErrorKind.PolicyDenied, message, null, code);

    public static LocusError ContextTooLarge(int needed, string why) => new(LocusErrorKind.ContextOverflow,
        $"This request needs about {needed:N0} tokens of context, more than the local model has, and it cannot go to a cloud target: {why}. " +
        "Shorten the conversation or lower max_tokens.", "messages", "context_length_exceeded");

    public static LocusError Offline(string why) => new(LocusErrorKind.Unavailable,
        $"No target can serve this request now: {why}.", null, "no_target_available");

    public static LocusError ToolsUnsupported(string target, string? why = null) => new(LocusErrorKind.InvalidRequest,
        $"This request uses tools, which target '{target}' cannot call, and no other target may take it{Because(why)}. " +
        "Configure a target that can (tools: true) or send the request without tools.", "tools", "tools_unsupported");

    public static LocusError JsonSchemaUnsupported(string target, string? why = null) => new(LocusErrorKind.InvalidRequest,
        $"This request asks for JSON output (response_format), which target '{target}' cannot produce, and no other target may take it{Because(why)}. " +
        "Configure a target that can (json_schema: true) or send the request without response_format.", "response_format", "json_schema_unsupported");

    /// <summary>The error for a request that needs a capability <paramref name="target"/> lacks ("tools" or "json_schema").</summary>
    public static LocusError Unsupported(string capability, string target, string? why = null) =>
        capability == "tools" ? ToolsUnsupported(target, why) : JsonSchemaUnsupported(target, why);

    private static string Because(string? why) => why is null ? "" : $" ({why})";
}
