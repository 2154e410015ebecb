namespace Locus.Wire.OpenAI;

// OpenAI's legacy text_completion object: the whole answer and each streamed chunk (same object name).

/// <summary>
/// A text completion or a streamed chunk. <see cref="Usage"/> is always written on the whole answer; on chunks only
/// with <c>stream_options.include_usage</c> (see <see cref="OpenAIJson.TextCompletionWithoutUsage"/>).
/// </summary>
public sealed class TextCompletion
{
    public string? Id { get; init; }

    public string Object { get; } = "text_completion";

    public long? Created { get; init; }

    public string? Model { get; init; }

    /// <summary>Always null: written because strict clients expect the member; not read.</summary>
    public string? SystemFingerprint { get; }

    public IReadOnlyList<TextChoice>? Choices { get; init; }

    public CompletionUsage? Usage { get; init; }
}

public sealed class TextChoice
{
    public string? Text { get; init; }

    public int Index { get; init; }

    /// <summary>Always null: log probabilities are not returned here.</summary>
    public string? Logprobs { get; }

    public string? FinishReason { get; init; }
}
