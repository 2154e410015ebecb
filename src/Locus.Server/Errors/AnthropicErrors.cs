using Locus.Wire.Anthropic;
using Microsoft.AspNetCore.Http;

namespace Locus.Server.Errors;

/// <summary>
/// Every error on <c>/v1/messages</c> (and paths below it, count_tokens) is written in Anthropic's shape, so Anthropic
/// SDKs raise their own typed errors; so is an error on <c>/v1/models</c> asked for with <c>anthropic-version</c>. The HTTP status stays the one the OpenAI side uses for the same failure; only the body differs.
/// </summary>
/// <remarks>
/// Statuses map to Anthropic's error types by <see cref="AnthropicErrorTypes.ForStatus"/>. A full queue is 429
/// rate_limit_error with Retry-After rather than Anthropic's 529 overloaded_error: it is this node's own, short-lived
/// capacity limit, Anthropic SDKs back off and retry on both, and 429 honours Retry-After in every HTTP client and
/// proxy. A backend that cannot serve at all (503) is overloaded_error.
/// </remarks>
internal static class AnthropicErrors
{
    private const string Path = "/v1/messages";

    private const string Models = "/v1/models";

    public static bool Applies(HttpRequest request) =>
        request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase)
        || (request.Path.StartsWithSegments(Models, StringComparison.OrdinalIgnoreCase) && IsAnthropicClient(request));

    /// <summary>Anthropic's SDKs send <c>anthropic-version</c> on every request; OpenAI's never do.</summary>
    public static bool IsAnthropicClient(HttpRequest request) => request.Headers.ContainsKey("anthropic-version");

    public static AnthropicErrorEnvelope Envelope(int status, string message) =>
        new() { Error = new() { Type = AnthropicErrorTypes.ForStatus(status), Message = message } };
}
