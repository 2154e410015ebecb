namespace Locus.Wire.Anthropic;

/// <summary>
/// <c>{"type":"error","error":{"type","message"}}</c>: the body of every failed Messages request, and the
/// <c>error</c> event that ends a failed stream.
/// </summary>
public sealed class AnthropicErrorEnvelope : IAnthropicEvent
{
    public string Type => "error";

    public AnthropicError? Error { get; init; }
}

public sealed class AnthropicError
{
    /// <summary>One of <see cref="AnthropicErrorTypes"/>.</summary>
    public string? Type { get; init; }

    public string? Message { get; init; }
}

/// <summary>Anthropic's error types, and the one each HTTP status stands for.</summary>
public static class AnthropicErrorTypes
{
    public const string InvalidRequest = "invalid_request_error";
    public const string Authentication = "authentication_error";
    public const string Permission = "permission_error";
    public const string NotFound = "not_found_error";
    public const string RequestTooLarge = "request_too_large";
    public const string RateLimit = "rate_limit_error";
    public const string Api = "api_error";
    public const string Overloaded = "overloaded_error";
    public const string Timeout = "timeout_error";

    /// <summary>Statuses to types: 401, 403, 404, 413, 429, 503 and 504 have their own; other 5xx api_error, other 4xx invalid_request_error.</summary>
    public static string ForStatus(int status) => status switch
    {
        401 => Authentication,
        403 => Permission,
        404 => NotFound,
        413 => RequestTooLarge,
        429 => RateLimit,
        503 => Overloaded,
        504 => Timeout,
        >= 500 => Api,
        _ => InvalidRequest,
    };
}
