using Locus.Hardware.Models;

namespace Locus.Hardware.Fit;

/// <summary>
/// Memory a model needs in llama.cpp: weights, KV cache and compute buffers.
/// KV: 2 (K and V) × layers × kv heads × head dim × context × bytes per element (hardware-facts.md).
/// Compute buffers: the activations of one micro-batch — its logits (vocab × ubatch × 4 B) and the widest
/// intermediate tensors (FFN and attention, a few × ubatch × width × 4 B) — plus, without flash attention, the
/// ubatch × context score matrix per head. This is an estimate of what llama.cpp's graph allocator reserves, not
/// its exact figure; we assume flash attention (llama.cpp's default where the backend supports it).
/// </summary>
public static class MemoryEstimate
{
    /// <summary>llama.cpp's default micro-batch (n_ubatch).</summary>
    public const int DefaultMicroBatch = 512;

    public static long KvBytesPerToken(ModelShape model, KvCacheType type)
    {
        ArgumentNullException.ThrowIfNull(model);
        return (long)Math.Ceiling(2.0 * model.Layers * model.HeadCountKv * model.HeadDim * KvCacheTypes.BytesPerElement(type));
    }

    public static long KvBytes(ModelShape model, KvCacheType type, long context) => KvBytesPerToken(model, type) * context;

    /// <summary>Compute buffer bytes for one micro-batch; grows with context only without flash attention.</summary>
    public static long ComputeBytes(ModelShape model, long context, int microBatch = DefaultMicroBatch, bool flashAttention = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        long ubatch = Math.Min(microBatch, Math.Max(1, context));
        var logits = 4L * model.VocabSize * ubatch;
        var widest = 4L * ubatch * (3L * model.FeedForwardLength + 4L * model.EmbeddingLength);
        var scores = flashAttention ? 0 : 4L * ubatch * context * model.HeadCount;
        return logits + widest + scores;
    }
}
