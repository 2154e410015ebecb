namespace Locus.Wire.Anthropic;

/// <summary><c>POST /v1/messages/count_tokens</c>'s answer.</summary>
public sealed class AnthropicTokenCount
{
    public required int InputTokens { get; init; }
}

/// <summary>One model in Anthropic's <c>GET /v1/models</c> shape.</summary>
public sealed class AnthropicModel
{
    public string Type { get; init; } = "model";

    public required string Id { get; init; }

    public required string DisplayName { get; init; }

    /// <summary>RFC 3339, as Anthropic writes it.</summary>
    public required string CreatedAt { get; init; }
}

/// <summary>Anthropic's paged model list; this server returns every model in one page.</summary>
public sealed class AnthropicModelList
{
    public required IReadOnlyList<AnthropicModel> Data { get; init; }

    public bool HasMore { get; init; }

    public string? FirstId { get; init; }

    public string? LastId { get; init; }
}
