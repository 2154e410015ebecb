using Microsoft.Extensions.AI;

namespace Locus.Core.Abstractions;

/// <summary>
/// Embeds inputs given as token ids of the backend's own vocabulary (OpenAI's <c>input</c> as <c>int[]</c> or
/// <c>int[][]</c>). A local backend exposes it beside its <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> through
/// <c>GetService(typeof(ITokenEmbeddingGenerator))</c> on that generator; a cloud backend has none (its ids mean
/// nothing here, and the privacy check cannot read them).
/// </summary>
public interface ITokenEmbeddingGenerator
{
    /// <summary>The length of every vector before any <see cref="EmbeddingGenerationOptions.Dimensions"/> truncation.</summary>
    int Dimensions { get; }

    /// <summary>The most tokens one input may have.</summary>
    int ContextLength { get; }

    /// <summary>
    /// One L2-normalised vector per input, in order. An id outside the vocabulary, an empty input or one longer than
    /// <see cref="ContextLength"/> is a <see cref="Errors.LocusException"/> (a 400), never a native failure.
    /// </summary>
    Task<GeneratedEmbeddings<Embedding<float>>> GenerateFromTokensAsync(IReadOnlyList<IReadOnlyList<int>> inputs,
        EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default);
}
