using System.Text.Json;
using System.Text.Json.Serialization;

namespace Locus.Wire.Ollama;

/// <summary>
/// What every <c>/api/chat</c> and <c>/api/generate</c> object (or NDJSON line) repeats: the model as the client named
/// it, when it was written (RFC 3339), whether it is the last one, and on the last one why generation ended and how long
/// it took. Durations are nanoseconds, as Ollama reports them; the counters are tokens.
/// </summary>
public abstract class OllamaReply
{
    [JsonPropertyOrder(-10)]
    public required string Model { get; init; }

    [JsonPropertyOrder(-9)]
    public required string CreatedAt { get; init; }

    [JsonPropertyOrder(10)]
    public bool Done { get; init; }

    [JsonPropertyOrder(11)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DoneReason { get; init; }

    [JsonPropertyOrder(12)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? TotalDuration { get; init; }

    [JsonPropertyOrder(13)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? LoadDuration { get; init; }

    [JsonPropertyOrder(14)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? PromptEvalCount { get; init; }

    [JsonPropertyOrder(15)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? PromptEvalDuration { get; init; }

    [JsonPropertyOrder(16)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? EvalCount { get; init; }

    [JsonPropertyOrder(17)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? EvalDuration { get; init; }
}

/// <summary>An <c>/api/chat</c> reply, or one line of its stream.</summary>
public sealed class OllamaChatReply : OllamaReply
{
    public required OllamaMessage Message { get; init; }
}

/// <summary>An <c>/api/generate</c> reply, or one line of its stream.</summary>
public sealed class OllamaGenerateReply : OllamaReply
{
    public required string Response { get; init; }
}

/// <summary>An assistant message: text and (when the model called tools) the calls, arguments as a JSON object.</summary>
public sealed class OllamaMessage
{
    public required string Role { get; init; }

    public required string Content { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<OllamaToolCall>? ToolCalls { get; init; }
}

public sealed class OllamaToolCall
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; init; }

    public required OllamaFunctionCall Function { get; init; }
}

public sealed class OllamaFunctionCall
{
    public int Index { get; init; }

    public required string Name { get; init; }

    /// <summary>A JSON object (Ollama sends arguments as an object, not as JSON text like OpenAI).</summary>
    public required JsonElement Arguments { get; init; }
}

/// <summary>Ollama's error body: <c>{"error":"message"}</c>, also the last line of a stream that fails.</summary>
public sealed class OllamaError
{
    public required string Error { get; init; }
}
