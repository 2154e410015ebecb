using Locus.Hardware.Devices;
using Locus.Hardware.Models;

namespace Locus.Hardware.Fit;

/// <summary>Computes a <see cref="MemoryFit"/> for a model on a device.</summary>
public static class MemoryFitCalculator
{
    private const double GiB = 1024.0 * 1024 * 1024;

    /// <summary>
    /// Share of unified memory the GPU may use. Assumption: macOS caps the Metal working set near 75% of RAM
    /// (recommendedMaxWorkingSetSize); we apply the same share to every unified device so the OS keeps its part.
    /// </summary>
    public const double UnifiedUsableShare = 0.75;

    /// <summary>Assumption: the driver and CUDA context keep about 0.5 GiB of VRAM.</summary>
    public const double DiscreteReserveGib = 0.5;

    public static long UsableBytes(DeviceProfile device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var total = device.MemoryGib.Value * GiB;
        return (long)(device.MemoryKind == MemoryKind.Unified ? total * UnifiedUsableShare : total - (DiscreteReserveGib * GiB));
    }

    public static MemoryFit Compute(ModelShape model, DeviceProfile device, long context, KvCacheType kvType)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(device);
        var usable = UsableBytes(device);
        var kv = MemoryEstimate.KvBytes(model, kvType, context);
        var compute = MemoryEstimate.ComputeBytes(model, context);
        var total = model.WeightBytes + kv + compute;
        var fits = total <= usable;
        var maxContext = MaxContext(model, usable, kvType);
        var gpuLayers = device.MemoryKind == MemoryKind.Unified || fits ? model.Layers : OffloadableLayers(model, usable, compute, kv);
        var host = (device.HostMemoryGib?.Value ?? 0) * GiB;
        var withHost = fits || (device.MemoryKind == MemoryKind.Discrete && total <= usable + host);
        return new MemoryFit(model.WeightBytes, kv, compute, usable, fits, maxContext, gpuLayers, model.Layers, withHost);
    }

    /// <summary>Largest context with weights + KV + compute ≤ usable (compute buffers are context-independent with flash attention).</summary>
    public static long MaxContext(ModelShape model, long usable, KvCacheType kvType)
    {
        ArgumentNullException.ThrowIfNull(model);
        var free = usable - model.WeightBytes - MemoryEstimate.ComputeBytes(model, MemoryEstimate.DefaultMicroBatch);
        if (free <= 0)
        {
            return 0;
        }

        var context = free / MemoryEstimate.KvBytesPerToken(model, kvType);
        return model.TrainedContext is { } trained ? Math.Min(context, trained) : context;
    }

    /// <summary>
    /// Layers whose weights and KV fit in VRAM beside the compute buffers. A layer's share of the weights is taken as
    /// weights ÷ layers (embeddings and output are counted in that average: an approximation).
    /// </summary>
    private static int OffloadableLayers(ModelShape model, long usable, long compute, long kv)
    {
        var perLayer = ((double)model.WeightBytes + kv) / model.Layers;
        var layers = (int)Math.Floor((usable - compute) / perLayer);
        return Math.Clamp(layers, 0, model.Layers);
    }
}
