namespace Locus.Gguf;

/// <summary>Shape of a random-weight llama model for <see cref="RandomModelWriter"/>.</summary>
public sealed record RandomModelOptions
{
    /// <summary>Hidden size (n_embd); a multiple of 32 for Q8_0 and Q4_0.</summary>
    public required int EmbeddingLength { get; init; }

    /// <summary>Number of transformer blocks (n_layer).</summary>
    public required int LayerCount { get; init; }

    /// <summary>Attention heads (n_head); must divide <see cref="EmbeddingLength"/> into an even head size.</summary>
    public required int HeadCount { get; init; }

    /// <summary>Key/value heads (n_head_kv) for grouped-query attention; 0 means <see cref="HeadCount"/>.</summary>
    public int HeadCountKv { get; init; }

    /// <summary>Feed-forward size (n_ff); a multiple of 32 for Q8_0 and Q4_0.</summary>
    public required int FeedForwardLength { get; init; }

    /// <summary>Training context length written as <c>llama.context_length</c>.</summary>
    public int ContextLength { get; init; } = 2048;

    /// <summary>Type of the 2-D weight matrices: F32, F16, Q8_0 or Q4_0 (norms are always F32).</summary>
    public GgmlType WeightType { get; init; } = GgmlType.F16;

    /// <summary>Seed; the same options and source always give the same bytes.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// Vocabulary size; 0 keeps the tokenizer source's. Larger pads the token list with placeholder tokens so the
    /// embedding and output matrices (and sampling over the logits) cost what they cost at a real model's vocabulary.
    /// </summary>
    public int VocabSize { get; init; }

    /// <summary>Omit <c>output.weight</c>: llama.cpp then multiplies by <c>token_embd</c> (tied embeddings, as Llama-3.2 and Qwen2.5 small models).</summary>
    public bool TiedEmbeddings { get; init; }

    /// <summary><c>general.name</c> of the model.</summary>
    public string Name { get; init; } = "random-llama (RANDOM weights, not a trained model)";
}
