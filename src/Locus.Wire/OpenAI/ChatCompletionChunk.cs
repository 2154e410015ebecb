using System.Text.Json;
using System.Text.Json.Serialization;

namespace Locus.Wire.OpenAI;

// OpenAI's chat.completion.chunk object, one per streamed event: written by the server, read by the OpenAI provider.

/// <summary>
/// One streamed event. <see cref="Usage"/> is written only with <c>stream_options.include_usage</c>: then
/// <c>"usage": null</c> on every chunk and the totals on a final chunk with no choices; see
/// <see cref="OpenAIJson.ChatCompletionChunkWithoutUsage"/>.
/// </summary>
public sealed class ChatCompletionChunk
{
    public string? Id { get; init; }

    public string Object { get; } = "chat.completion.chunk";

    public long? Created { get; init; }

    public string? Model { get; init; }

    /// <summary>Always null: written because strict clients expect the member; not read.</summary>
    public string? SystemFingerprint { get; }

    public IReadOnlyList<ChunkChoice>? Choices { get; init; }

    public CompletionUsage? Usage { get; init; }

    /// <summary>Read only: some servers report a failure inside a 200 stream as <c>{"error": ...}</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Error { get; init; }
}

public sealed class ChunkChoice
{
    public int Index { get; init; }

    public ChatDelta? Delta { get; init; }

    /// <summary>Always null: log probabilities are not returned here, nor read.</summary>
    public string? Logprobs { get; }

    public string? FinishReason { get; init; }
}

/// <summary>
/// What a chunk adds to the message. The server sends the role and empty content first, then content or tool calls,
/// and an empty object with the finish reason; unset members are left out.
/// </summary>
public sealed class ChatDelta
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Role { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Content { get; init; }

    /// <summary>vLLM, DeepSeek and llama-server stream reasoning here.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ReasoningContent { get; init; }

    /// <summary>OpenRouter streams reasoning here.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reasoning { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Refusal { get; init; }

    /// <summary>Streamed calls: each entry carries its <see cref="ToolCall.Index"/>; arguments may arrive in pieces.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ToolCall>? ToolCalls { get; init; }
}
