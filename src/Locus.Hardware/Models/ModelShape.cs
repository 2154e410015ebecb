namespace Locus.Hardware.Models;

/// <summary>
/// The dimensions of a model that decide its memory and speed: how many bytes of weights, and the layer and attention
/// head counts that size the KV cache. Comes from a GGUF file's header or from an architecture preset.
/// </summary>
/// <param name="Name">Where the shape came from, e.g. the file name or "Llama-2 7B preset".</param>
/// <param name="Parameters">Total weights.</param>
/// <param name="WeightBytes">Bytes of tensor data (what decode streams per token).</param>
/// <param name="Layers">Transformer blocks.</param>
/// <param name="HeadCountKv">Key/value heads (fewer than query heads under grouped-query attention).</param>
/// <param name="HeadDim">Elements per key/value head.</param>
/// <param name="EmbeddingLength">Hidden size.</param>
/// <param name="HeadCount">Query heads.</param>
/// <param name="FeedForwardLength">FFN inner size.</param>
/// <param name="VocabSize">Vocabulary (logits row length).</param>
/// <param name="TrainedContext">The context length the model was trained with, when known.</param>
/// <param name="Quantization">Quantization name, e.g. Q4_K_M.</param>
/// <param name="LookupParameters">Weights of an input embedding table that is only looked up, one row per token
/// (0 when the output layer reuses it): neither streamed in decode nor multiplied in prefill.</param>
/// <param name="LookupBytes">Bytes of that table.</param>
public sealed record ModelShape(
    string Name,
    long Parameters,
    long WeightBytes,
    int Layers,
    int HeadCountKv,
    int HeadDim,
    int EmbeddingLength,
    int HeadCount,
    int FeedForwardLength,
    int VocabSize,
    long? TrainedContext,
    string Quantization,
    long LookupParameters = 0,
    long LookupBytes = 0)
{
    /// <summary>Bytes decode reads per token for the weights: all but the looked-up embedding table.</summary>
    public long StreamedWeightBytes => WeightBytes - LookupBytes;

    /// <summary>Weights that take part in matrix multiplications (2 FLOP each per token).</summary>
    public long MatmulParameters => Parameters - LookupParameters;

    /// <summary>Stored bits per weight over the whole model.</summary>
    public double BitsPerWeight => Parameters == 0 ? 0 : WeightBytes * 8.0 / Parameters;
}
