using System.Text.Json;
using System.Text.Json.Serialization;

namespace Locus.Wire.OpenAI;

// OpenAI's chat.completion object: written by the server, read by the OpenAI provider. Member order follows OpenAI's
// responses, so a diff against a real reply reads cleanly. Constant members are written, not read; everything read is
// nullable, because compatible servers leave fields out and a missing field must not fail a whole answer.

/// <summary>A whole chat answer.</summary>
public sealed class ChatCompletion
{
    public string? Id { get; init; }

    public string Object { get; } = "chat.completion";

    public long? Created { get; init; }

    public string? Model { get; init; }

    /// <summary>Always null: written because strict clients expect the member; not read.</summary>
    public string? SystemFingerprint { get; }

    public IReadOnlyList<ChatChoice>? Choices { get; init; }

    public CompletionUsage? Usage { get; init; }

    /// <summary>Read only: some servers report a failure as <c>{"error": ...}</c> (an object or a string) in a 200 body.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Error { get; init; }
}

public sealed class ChatChoice
{
    public int Index { get; init; }

    public ChatCompletionMessage? Message { get; init; }

    /// <summary>Always null: log probabilities are not returned here, nor read.</summary>
    public string? Logprobs { get; }

    public string? FinishReason { get; init; }
}

/// <summary>The assistant's message of a <see cref="ChatCompletion"/>.</summary>
public sealed class ChatCompletionMessage
{
    public string Role { get; } = "assistant";

    /// <summary>Null when the model only called tools, as OpenAI sends it.</summary>
    public string? Content { get; init; }

    /// <summary>Read only: vLLM, DeepSeek and llama-server put reasoning here.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ReasoningContent { get; init; }

    /// <summary>Read only: OpenRouter puts reasoning here.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reasoning { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ToolCall>? ToolCalls { get; init; }

    /// <summary>OpenAI sends refusal:null on every assistant message; strict clients model it as a required nullable field.</summary>
    public string? Refusal { get; init; }
}
