using System.Text;

namespace Locus.Testing;

/// <summary>
/// How <see cref="UpstreamServer"/> answers the next requests. Immutable: tests swap the whole record between
/// requests (<c>server.Behavior = server.Behavior with { Status = 500 }</c>).
/// </summary>
public sealed record UpstreamBehavior
{
    /// <summary>The answer text, from the text of the last user message. Default: <c>"echo: " + text</c>.</summary>
    public Func<string, string> Reply { get; init; } = static text => "echo: " + text;

    /// <summary>Anything but 200: every request gets this status and an error body in the protocol's format.</summary>
    public int Status { get; init; } = 200;

    /// <summary>The first N chat requests (counted from when this behavior was set) get <see cref="FailStatus"/>.</summary>
    public int FailFirst { get; init; }

    public int FailStatus { get; init; } = 503;

    /// <summary>The message of injected error bodies; default: a sentence naming the status.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>Sent with injected errors as <c>Retry-After</c> (whole seconds, rounded up) and <c>retry-after-ms</c>.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>When set, requests must carry it (<c>Authorization: Bearer</c> or <c>x-api-key</c>), else 401.</summary>
    public string? RequiredApiKey { get; init; }

    /// <summary>A slow upstream: wait this long before sending anything (aborted when the client goes away).</summary>
    public TimeSpan DelayBeforeHeaders { get; init; }

    /// <summary>Streaming: pause between chunks (a stalled upstream, for idle timeouts).</summary>
    public TimeSpan ChunkDelay { get; init; }

    /// <summary>Streaming: abort the connection after this many content chunks, before the end marker.</summary>
    public int? DropStreamAfterChunks { get; init; }

    /// <summary>Streaming: the reply (or tool arguments) is split into chunks of this many characters.</summary>
    public int ChunkChars { get; init; } = 4;

    /// <summary>Answer with this tool call instead of text.</summary>
    public UpstreamToolCall? ToolCall { get; init; }

    /// <summary>
    /// Sent verbatim (status 200) instead of a generated answer: malformed JSON, a stream without its end marker,
    /// an error event. Served as <c>text/event-stream</c> when the request asked to stream, else <c>application/json</c>.
    /// </summary>
    public string? RawBody { get; init; }

    /// <summary>
    /// Reported input tokens, the whole prompt in both protocols (Anthropic's <c>input_tokens</c> excludes cache
    /// reads, so it gets this minus <see cref="CachedInputTokens"/>); null: the number of words in the request's texts.
    /// </summary>
    public int? InputTokens { get; init; }

    /// <summary>Reported output tokens; null: the number of words in the reply (or tool arguments).</summary>
    public int? OutputTokens { get; init; }

    /// <summary>Reported cached input tokens (OpenAI <c>prompt_tokens_details.cached_tokens</c>, Anthropic <c>cache_read_input_tokens</c>).</summary>
    public int CachedInputTokens { get; init; }

    /// <summary>The ids listed by <c>GET /v1/models</c>.</summary>
    public IReadOnlyList<string> Models { get; init; } = ["upstream-model"];
}

public sealed record UpstreamToolCall(string Id, string Name, string ArgumentsJson);

/// <summary>One request as it arrived: header names are case-insensitive, values of repeated headers joined by ", ".</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>Every string value in the JSON body, decoded, one per line: what the upstream could read (escapes undone).</summary>
    public string DecodedStrings
    {
        get
        {
            var text = new StringBuilder();
            Collect(System.Text.Json.JsonDocument.Parse(Body).RootElement, text);
            return text.ToString();
        }
    }

    private static void Collect(System.Text.Json.JsonElement element, StringBuilder into)
    {
        switch (element.ValueKind)
        {
            case System.Text.Json.JsonValueKind.String:
                into.Append(element.GetString()).Append('\n');
                break;
            case System.Text.Json.JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                {
                    Collect(p.Value, into);
                }

                break;
            case System.Text.Json.JsonValueKind.Array:
                foreach (var e in element.EnumerateArray())
                {
                    Collect(e, into);
                }

                break;
        }
    }
}
