namespace Locus.Providers;

/// <summary>One upstream target: where it is, how to authenticate, and how patiently to treat it.</summary>
public sealed record ProviderOptions
{
    /// <summary>The target's name, used in error messages and logs.</summary>
    public required string Name { get; init; }

    public required ProviderKind Kind { get; init; }

    /// <summary>The API root, ".../v1" for both kinds: requests go to <c>{BaseUrl}/chat/completions</c> or <c>{BaseUrl}/messages</c>.</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>The upstream model id, sent with every request (<c>ChatOptions.ModelId</c> is ignored).</summary>
    public required string Model { get; init; }

    /// <summary>Sent as <c>Authorization: Bearer</c> (OpenAI) or <c>x-api-key</c> (Anthropic); never logged or put in messages.</summary>
    public string? ApiKey { get; init; }

    /// <summary>How long one attempt may wait for the response headers.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest silence allowed between stream events or body bytes once the response has begun.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of retryable failures (connection errors, timeouts, 408/429/5xx), only before any output reached the caller.</summary>
    public int MaxRetries { get; init; } = 2;

    /// <summary>The first retry's delay; later ones grow exponentially, with jitter. A Retry-After header wins (up to 10 s).</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Consecutive failed calls that open the circuit (calls then fail fast); 0 disables the breaker.</summary>
    public int BreakerFailureThreshold { get; init; } = 5;

    /// <summary>How long an open circuit stays open before one trial call is let through.</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Extra request headers, e.g. OpenRouter's <c>HTTP-Referer</c> and <c>X-Title</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The <c>anthropic-version</c> header (Anthropic only).</summary>
    public string AnthropicVersion { get; init; } = "2023-06-01";

    /// <summary>The <c>max_tokens</c> sent to Anthropic when the request sets none (the API requires one).</summary>
    public int DefaultMaxTokens { get; init; } = 4096;
}
