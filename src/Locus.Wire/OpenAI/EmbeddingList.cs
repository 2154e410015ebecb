namespace Locus.Wire.OpenAI;

// OpenAI's embeddings response: {object: list, data: [{object: embedding, index, embedding}], model, usage}.

/// <summary>
/// The answer to <c>POST /v1/embeddings</c>. <typeparamref name="TVector"/> is <c>float[]</c> for
/// <c>encoding_format: float</c> and <c>string</c> (little-endian float32 bytes, base64) for <c>base64</c>.
/// </summary>
public sealed class EmbeddingList<TVector>
{
    public string Object { get; } = "list";

    public IReadOnlyList<EmbeddingItem<TVector>>? Data { get; init; }

    public string? Model { get; init; }

    public EmbeddingUsage? Usage { get; init; }
}

public sealed class EmbeddingItem<TVector>
{
    public string Object { get; } = "embedding";

    public int Index { get; init; }

    public TVector? Embedding { get; init; }
}

/// <summary>Embeddings count input tokens only.</summary>
public sealed class EmbeddingUsage
{
    public long PromptTokens { get; init; }

    public long TotalTokens { get; init; }
}
