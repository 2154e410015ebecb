using System.Globalization;
using Locus.Hardware.Detection;
using Locus.Hardware.Models;

namespace Locus.Hardware.Fit;

/// <summary>
/// What serving a model with <c>slots</c> parallel sequences of <c>contextPerSlot</c> tokens takes: its weights, one KV
/// cache for every slot's context, and the compute buffers of one micro-batch. The same arithmetic as the planner's
/// memory fit (<see cref="MemoryEstimate"/>), with the context multiplied by the slots.
/// </summary>
public sealed record ServingMemory(string Model, int Slots, int ContextPerSlot, KvCacheType KvType, long WeightBytes, long KvBytes,
    long ComputeBytes, long AvailableBytes)
{
    private const double GiB = 1024.0 * 1024 * 1024;

    public long TotalBytes => WeightBytes + KvBytes + ComputeBytes;

    public bool Fits => TotalBytes <= AvailableBytes;

    public static ServingMemory Estimate(ModelShape model, int slots, int contextPerSlot, KvCacheType kvType, int microBatch, long availableBytes)
    {
        ArgumentNullException.ThrowIfNull(model);
        var context = (long)slots * contextPerSlot;
        return new ServingMemory(model.Name, slots, contextPerSlot, kvType, model.WeightBytes, MemoryEstimate.KvBytes(model, kvType, context),
            MemoryEstimate.ComputeBytes(model, context, Math.Min(microBatch, MemoryEstimate.DefaultMicroBatch)), availableBytes);
    }

    /// <summary>One sentence on why it does not fit and what to change; null when it fits.</summary>
    public string? Refusal()
    {
        if (Fits)
        {
            return null;
        }

        var smaller = KvType == KvCacheType.F16 ? " or set llama.kv_cache_type: q8_0 (half the KV memory)" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{Model} does not fit: {Slots} slot(s) × {ContextPerSlot} tokens of context with a {KvType.ToString().ToLowerInvariant()} KV cache " +
            $"need {KvBytes / GiB:F1} GiB of KV cache, plus {WeightBytes / GiB:F1} GiB of weights and {ComputeBytes / GiB:F1} GiB of compute " +
            $"buffers ({TotalBytes / GiB:F1} GiB in all), but {AvailableBytes / GiB:F1} GiB of memory is available. " +
            $"Lower llama.parallel or llama.context_size{smaller}.");
    }

    /// <summary>MemAvailable from <c>/proc/meminfo</c> under <paramref name="root"/>; null where there is none (not Linux).</summary>
    public static long? AvailableHostBytes(string root = "/") => MemInfo.Bytes(root, "MemAvailable");
}
