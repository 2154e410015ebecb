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

    public static LocusError ToolsUnsupported(string target) => new(LocusErrorKind.InvalidRequest,
        $"This request uses tools, which the local target '{target}' cannot call, and no cloud target may take it. " +
        "Configure a cloud target (tools: true) or send the request without tools.", "tools", "tools_unsupported");
}
