using System.Text.Json.Serialization;

namespace Locus.Wire.OpenAI;

/// <summary>Token counts of a completion; the details are read from upstreams, never written.</summary>
public sealed class CompletionUsage
{
    public long? PromptTokens { get; init; }

    public long? CompletionTokens { get; init; }

    public long? TotalTokens { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PromptTokensDetails? PromptTokensDetails { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CompletionTokensDetails? CompletionTokensDetails { get; init; }
}

public sealed class PromptTokensDetails
{
    public long? CachedTokens { get; init; }
}

public sealed class CompletionTokensDetails
{
    public long? ReasoningTokens { get; init; }
}
