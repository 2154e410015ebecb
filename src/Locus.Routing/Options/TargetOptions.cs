namespace Locus.Routing.Options;

/// <summary>What kind of backend a target is, and therefore where the request's data goes.</summary>
public enum TargetKind
{
    /// <summary>A GGUF model run in-process by llama.cpp: data never leaves the device.</summary>
    Llama,

    /// <summary>An OpenAI-compatible chat completions endpoint (OpenAI, OpenRouter, vLLM, llama-server, Ollama, a Locus peer).</summary>
    OpenAI,

    /// <summary>The Anthropic Messages API.</summary>
    Anthropic,

    /// <summary>
    /// Another Locus node of this person's mesh, reached over its OpenAI-compatible API: on the person's devices by
    /// default, listed in <c>routing.peers</c>, and sent requests marked as delegated so it never passes them on.
    /// </summary>
    Peer,
}

/// <summary>One place a request can run, as configured under <c>targets:</c>.</summary>
public sealed record TargetOptions
{
    public required string Name { get; init; }

    public required TargetKind Kind { get; init; }

    /// <summary>Llama: the GGUF file (absolute). Remote: the upstream model id.</summary>
    public required string Model { get; init; }

    /// <summary>Remote only: the API base URL (e.g. <c>https://api.openai.com/v1</c>).</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>Remote only: the environment variable holding the API key (the key itself never sits in config).</summary>
    public string? ApiKeyEnv { get; init; }

    /// <summary>
    /// Whether data sent here stays on the user's own devices. Defaults: true for llama, false for remote targets;
    /// set it true for a Locus peer or a llama-server on your own LAN so private requests may use it.
    /// </summary>
    public required bool OnDevice { get; init; }

    /// <summary>Tokens of context; llama reads it from the model, remote targets from config (default 128k).</summary>
    public int? ContextLength { get; init; }

    /// <summary>
    /// Whether the target can call tools. Default (config key <c>tools</c>): true for every kind, llama included since
    /// local models call tools through the chat template and a constrained grammar; <c>tools: false</c> turns it off.
    /// </summary>
    public required bool SupportsTools { get; init; }

    /// <summary>
    /// Whether the target can answer in JSON, constrained to a schema when the request gives one (a request's
    /// <c>response_format</c>, <see cref="Microsoft.Extensions.AI.ChatResponseFormatJson"/>). Default (config key
    /// <c>json_schema</c>): true for every kind; <c>json_schema: false</c> keeps structured-output requests away.
    /// </summary>
    public bool SupportsJsonSchema { get; init; } = true;

    public PriceOptions Price { get; init; } = PriceOptions.Free;

    /// <summary>Power drawn while generating, for the ledger's energy estimate of on-device targets (watts).</summary>
    public double? Watts { get; init; }

    /// <summary>Energy estimate for remote targets, joules per token processed (in + out).</summary>
    public double? JoulesPerToken { get; init; }

    /// <summary>Remote: time allowed until response headers, per attempt.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Remote: longest silence allowed inside a streamed answer.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public int MaxRetries { get; init; } = 2;

    public int BreakerFailures { get; init; } = 5;

    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(30);

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}

/// <summary>USD per million tokens.</summary>
public sealed record PriceOptions(decimal Input, decimal Output, decimal? CachedInput = null)
{
    public static PriceOptions Free { get; } = new(0m, 0m);

    public bool IsFree => Input == 0m && Output == 0m && (CachedInput ?? 0m) == 0m;

    /// <summary>The cost of one request with these token counts (cached input at its own price when one is set).</summary>
    public decimal Cost(long inputTokens, long outputTokens, long cachedInputTokens = 0)
    {
        var cached = Math.Clamp(cachedInputTokens, 0, inputTokens);
        return ((inputTokens - cached) * Input + cached * (CachedInput ?? Input) + outputTokens * Output) / 1_000_000m;
    }
}
