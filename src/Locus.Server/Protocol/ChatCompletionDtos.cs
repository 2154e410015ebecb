using System.Text.Json.Serialization;

namespace Locus.Server.Protocol;

// Wire shapes of OpenAI's chat.completion and chat.completion.chunk objects. Property order follows OpenAI's
// responses so that a diff against a real OpenAI reply reads cleanly; constant members are written, not read.

internal sealed class ChatCompletion
{
    public required string Id { get; init; }

    public string Object { get; } = "chat.completion";

    public required long Created { get; init; }

    public required string Model { get; init; }

    public string? SystemFingerprint { get; }

    public required IReadOnlyList<ChatChoice> Choices { get; init; }

    public required Usage Usage { get; init; }
}

internal sealed class ChatChoice
{
    public int Index { get; }

    public required AssistantMessage Message { get; init; }

    public string? Logprobs { get; }

    public required string FinishReason { get; init; }
}

internal sealed class AssistantMessage
{
    public string Role { get; } = "assistant";

    /// <summary>Null when the model only called tools, as OpenAI sends it.</summary>
    public required string? Content { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ToolCallWire>? ToolCalls { get; init; }

    // OpenAI sends refusal:null on every assistant message; strict clients model it as a required nullable field.
    public string? Refusal { get; }
}

/// <summary>A streaming chunk without a <c>usage</c> member (the client did not ask for usage).</summary>
internal class ChatChunk
{
    public required string Id { get; init; }

    public string Object { get; } = "chat.completion.chunk";

    public required long Created { get; init; }

    public required string Model { get; init; }

    public string? SystemFingerprint { get; }

    public required IReadOnlyList<ChunkChoice> Choices { get; init; }
}

/// <summary>
/// With <c>stream_options.include_usage</c> OpenAI puts <c>"usage": null</c> on every chunk and the totals on a final
/// chunk with no choices; a subclass (rather than a null-ignoring attribute) keeps the member present when null.
/// </summary>
internal sealed class ChatChunkWithUsage : ChatChunk
{
    // Derived members serialize first by default; OpenAI puts usage last.
    [JsonPropertyOrder(1)]
    public Usage? Usage { get; init; }
}

internal sealed class ChunkChoice
{
    public int Index { get; }

    public required ChatDelta Delta { get; init; }

    public string? Logprobs { get; }

    public string? FinishReason { get; init; }
}

/// <summary>First chunk: role and empty content; then content or tool calls; the finishing chunk: an empty object.</summary>
internal sealed class ChatDelta
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Role { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Content { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ToolCallWire>? ToolCalls { get; init; }
}
