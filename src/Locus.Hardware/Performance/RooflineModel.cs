using Locus.Hardware.Devices;
using Locus.Hardware.Fit;
using Locus.Hardware.Models;

namespace Locus.Hardware.Performance;

/// <summary>
/// Roofline speed of llama.cpp inference.
/// Decode is memory-bound: each token streams every weight once and reads the KV cache up to its position, so
/// time per token = bytes in fast memory (all weights but a looked-up embedding table, plus the KV cache so far) ÷ (efficiency × bandwidth) + bytes offloaded to host RAM ÷ (efficiency ×
/// host bandwidth) + layers × a fixed per-layer overhead — or, where it is longer, the token's FLOPs at the compute
/// roof instead of the memory time.
/// Prefill is compute-bound: a prompt token costs 2 FLOP per multiplied weight plus attention over the tokens before it,
/// at efficiency × peak FP16 compute.
/// </summary>
public static class RooflineModel
{
    /// <summary>Decode tokens/s with <paramref name="depth"/> tokens already in the KV cache.</summary>
    public static double DecodeTokensPerSecond(ModelShape model, DeviceProfile device, MemoryFit fit, long depth, KvCacheType kvType, Efficiency efficiency) =>
        1.0 / DecodeSecondsPerToken(model, device, fit, depth, kvType, efficiency);

    public static double DecodeSecondsPerToken(ModelShape model, DeviceProfile device, MemoryFit fit, long depth, KvCacheType kvType, Efficiency efficiency)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(efficiency);
        var bytesPerToken = model.StreamedWeightBytes + ((double)MemoryEstimate.KvBytesPerToken(model, kvType) * depth);
        var onGpu = bytesPerToken * fit.GpuFraction;
        var onHost = bytesPerToken - onGpu;
        var hostBandwidth = device.HostBandwidthGbs?.Value ?? device.BandwidthGbs.Value;
        var memorySeconds = (onGpu / (efficiency.DecodeBandwidth * device.BandwidthGbs.Value * 1e9))
            + (onHost / (efficiency.DecodeBandwidth * hostBandwidth * 1e9));
        return Math.Max(memorySeconds, DecodeComputeSeconds(model, device, depth, efficiency)) + (model.Layers * efficiency.DecodeLayerOverheadSeconds);
    }

    /// <summary>
    /// The other roof: one token's FLOPs at the prefill efficiency. Far below the memory time on GPUs; it binds on
    /// CPUs with few cores, where dequantizing and multiplying cannot keep up with the memory.
    /// </summary>
    public static double DecodeComputeSeconds(ModelShape model, DeviceProfile device, long depth, Efficiency efficiency)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(efficiency);
        return FlopsPerToken(model, depth) / (efficiency.PrefillCompute * device.Tflops.Value * 1e12);
    }

    /// <summary>FLOPs to process one prompt token at <paramref name="depth"/>: 2 per weight, plus QKᵀ and AV over the earlier tokens.</summary>
    public static double FlopsPerToken(ModelShape model, double depth)
    {
        ArgumentNullException.ThrowIfNull(model);
        return (2.0 * model.MatmulParameters) + (4.0 * model.Layers * model.HeadCount * model.HeadDim * depth);
    }

    /// <summary>Prompt tokens/s for a prompt of <paramref name="promptTokens"/> (attention at its mean depth).</summary>
    public static double PrefillTokensPerSecond(ModelShape model, DeviceProfile device, long promptTokens, Efficiency efficiency)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(efficiency);
        return efficiency.PrefillCompute * device.Tflops.Value * 1e12 / FlopsPerToken(model, promptTokens / 2.0);
    }
}
