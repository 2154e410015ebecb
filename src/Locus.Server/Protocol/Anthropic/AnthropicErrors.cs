using Microsoft.AspNetCore.Http;

namespace Locus.Server.Protocol.Anthropic;

/// <summary>
/// Every error on <c>/v1/messages</c> (and paths below it) is written in Anthropic's shape, so Anthropic SDKs raise their
/// own typed errors. The HTTP status stays the one the OpenAI side uses for the same failure; only the body differs.
/// </summary>
/// <remarks>
/// Statuses to Anthropic's error types: 400 and other 4xx invalid_request_error, 401 authentication_error, 403
/// permission_error, 404 not_found_error, 413 request_too_large, 429 rate_limit_error, 503 overloaded_error, 504
/// timeout_error, other 5xx api_error. A full queue is 429 rate_limit_error with Retry-After rather than Anthropic's 529
/// overloaded_error: it is this node's own, short-lived capacity limit, Anthropic SDKs back off and retry on both, and
/// 429 honours Retry-After in every HTTP client and proxy. A backend that cannot serve at all (503) is overloaded_error.
/// </remarks>
internal static class AnthropicErrors
{
    private const string Path = "/v1/messages";

    public static bool Applies(HttpRequest request) =>
        request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase);

    public static AnthropicErrorEnvelope Envelope(int status, string message) => new() { Error = new(Type(status), message) };

    public static string Type(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "authentication_error",
        StatusCodes.Status403Forbidden => "permission_error",
        StatusCodes.Status404NotFound => "not_found_error",
        StatusCodes.Status413PayloadTooLarge => "request_too_large",
        StatusCodes.Status429TooManyRequests => "rate_limit_error",
        StatusCodes.Status503ServiceUnavailable => "overloaded_error",
        StatusCodes.Status504GatewayTimeout => "timeout_error",
        >= 500 => "api_error",
        _ => "invalid_request_error",
    };
}
