using System.Text.Json;

namespace Locus.Providers.OpenAI;

// Response shapes of OpenAI chat completions (a body and a stream chunk share them). Everything is nullable:
// compatible servers leave fields out, and a missing field must not fail a whole answer.

/// <summary>A <c>chat.completion</c> body or a <c>chat.completion.chunk</c> event.</summary>
internal sealed class OpenAICompletion
{
    public string? Id { get; init; }

    public string? Model { get; init; }

    public long? Created { get; init; }

    public List<OpenAIChoice>? Choices { get; init; }

    public OpenAIUsage? Usage { get; init; }

    /// <summary>Some servers report a failure inside a 200 stream as <c>{"error": ...}</c>.</summary>
    public JsonElement? Error { get; init; }
}

internal sealed class OpenAIChoice
{
    public int Index { get; init; }

    public OpenAIMessage? Message { get; init; }

    public OpenAIMessage? Delta { get; init; }

    public string? FinishReason { get; init; }
}

internal sealed class OpenAIMessage
{
    public string? Content { get; init; }

    /// <summary>vLLM, DeepSeek and llama-server put reasoning here.</summary>
    public string? ReasoningContent { get; init; }

    /// <summary>OpenRouter puts reasoning here.</summary>
    public string? Reasoning { get; init; }

    public string? Refusal { get; init; }

    public List<OpenAIToolCall>? ToolCalls { get; init; }
}

internal sealed class OpenAIToolCall
{
    /// <summary>Streaming only: which call a delta belongs to.</summary>
    public int? Index { get; init; }

    public string? Id { get; init; }

    public OpenAIFunction? Function { get; init; }
}

internal sealed class OpenAIFunction
{
    public string? Name { get; init; }

    public string? Arguments { get; init; }
}

internal sealed class OpenAIUsage
{
    public long? PromptTokens { get; init; }

    public long? CompletionTokens { get; init; }

    public long? TotalTokens { get; init; }

    public OpenAIPromptDetails? PromptTokensDetails { get; init; }

    public OpenAICompletionDetails? CompletionTokensDetails { get; init; }
}

internal sealed class OpenAIPromptDetails
{
    public long? CachedTokens { get; init; }
}

internal sealed class OpenAICompletionDetails
{
    public long? ReasoningTokens { get; init; }
}
