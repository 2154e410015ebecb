using System.Text.Json.Serialization;

namespace Locus.Server.Protocol;

// Wire shapes of OpenAI's legacy text_completion object. Streaming chunks use the same object name.

/// <summary>A text completion (or streamed chunk) without a <c>usage</c> member.</summary>
internal class TextCompletion
{
    public required string Id { get; init; }

    public string Object { get; } = "text_completion";

    public required long Created { get; init; }

    public required string Model { get; init; }

    public string? SystemFingerprint { get; }

    public required IReadOnlyList<TextChoice> Choices { get; init; }
}

/// <summary>The non-streaming reply, and streamed chunks when the client asked for usage (then null until the last).</summary>
internal sealed class TextCompletionWithUsage : TextCompletion
{
    // Derived members serialize first by default; OpenAI puts usage last.
    [JsonPropertyOrder(1)]
    public Usage? Usage { get; init; }
}

internal sealed class TextChoice
{
    public required string Text { get; init; }

    public int Index { get; }

    public string? Logprobs { get; }

    public string? FinishReason { get; init; }
}
