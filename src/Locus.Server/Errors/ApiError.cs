using Locus.Core.Errors;
using Locus.Wire.OpenAI;

namespace Locus.Server.Errors;

/// <summary>An error as it goes on the wire: HTTP status plus OpenAI's error fields.</summary>
internal sealed record ApiError(int Status, string Type, string Message, string? Param = null, string? Code = null, TimeSpan? RetryAfter = null)
{
    public const string InvalidRequest = "invalid_request_error";

    public static ApiError Internal { get; } = new(500, "server_error",
        "The server had an error while processing your request. The details are in the server log.");

    /// <summary>OpenAI's documented statuses, types and codes for each expected failure.</summary>
    public static ApiError From(LocusError e) => e.Kind switch
    {
        LocusErrorKind.InvalidRequest => new(400, InvalidRequest, e.Message, e.Param, e.Code),
        LocusErrorKind.ContextOverflow => new(400, InvalidRequest, e.Message, e.Param ?? "messages", e.Code ?? "context_length_exceeded"),
        LocusErrorKind.ModelNotFound => new(404, InvalidRequest, e.Message, e.Param ?? "model", e.Code ?? "model_not_found"),
        LocusErrorKind.Unauthorized => new(401, InvalidRequest, e.Message, e.Param, e.Code ?? "invalid_api_key"),
        // OpenAI's 429 body for too many requests: type "requests", code "rate_limit_exceeded", plus Retry-After.
        LocusErrorKind.Overloaded => new(429, "requests", e.Message, e.Param, e.Code ?? "rate_limit_exceeded",
            e.RetryAfter ?? TimeSpan.FromSeconds(1)),
        LocusErrorKind.Unavailable => new(503, "server_error", e.Message, e.Param, e.Code ?? "service_unavailable"),
        LocusErrorKind.PayloadTooLarge => new(413, InvalidRequest, e.Message, e.Param, e.Code ?? "request_too_large"),
        LocusErrorKind.UpstreamFailed => new(502, "server_error", e.Message, e.Param, e.Code ?? "upstream_error"),
        LocusErrorKind.UpstreamTimeout => new(504, "server_error", e.Message, e.Param, e.Code ?? "upstream_timeout"),
        LocusErrorKind.PolicyDenied => new(403, "permission_error", e.Message, e.Param, e.Code ?? "policy_denied"),
        _ => Internal,
    };

    /// <summary>A 413: the body is over <c>server.max_request_body_bytes</c> (Kestrel's own check does not say the limit).</summary>
    public static ApiError TooLarge(long? maxBytes = null) => new(413, InvalidRequest,
        maxBytes is { } max ? $"The request body is larger than this server accepts ({max} bytes; see server.max_request_body_bytes)." : "The request body is too large.",
        null, "request_too_large");

    /// <summary>OpenAI's error body: <c>{"error":{"message","type","param","code"}}</c>, nulls included.</summary>
    public OpenAIErrorEnvelope ToEnvelope() => new() { Error = new() { Message = Message, Type = Type, Param = Param, Code = Code } };

    /// <summary>Whole seconds, rounded up: a client that waits exactly this long should not be early.</summary>
    public string? RetryAfterHeader =>
        RetryAfter is { } t ? ((long)Math.Max(1, Math.Ceiling(t.TotalSeconds))).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
}

/// <summary>Carries an <see cref="ApiError"/> that has no <see cref="LocusErrorKind"/> (e.g. 415) to the error middleware.</summary>
internal sealed class ApiException(ApiError error) : Exception(error.Message)
{
    public ApiError Error { get; } = error;
}
