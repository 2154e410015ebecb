using Locus.Hardware.Devices;
using Locus.Hardware.Fit;
using Locus.Hardware.Models;
using Locus.Hardware.Performance;

namespace Locus.Hardware.Synthetic;

/// <summary>
/// The planner's speeds for one benchmark run (a prompt of P tokens, then N generated tokens), with the ideal roofline
/// speeds (full bandwidth, full compute, no per-layer overhead) that a calibration divides measured speeds by.
/// </summary>
public sealed record SpeedPrediction(double DecodeTokensPerSecond, double PrefillTokensPerSecond, double IdealDecodeTokensPerSecond, double IdealPrefillTokensPerSecond)
{
    private static readonly Efficiency Ideal = new(1, 0, 1);

    public static SpeedPrediction For(ModelShape model, DeviceProfile device, int promptTokens, int generatedTokens, Efficiency efficiency)
    {
        ArgumentNullException.ThrowIfNull(model);
        // Every layer is in this machine's memory; generation runs from depth P to P + N, so its mean depth is P + N/2.
        var fit = MemoryFitCalculator.Compute(model, device, promptTokens + generatedTokens, KvCacheType.F16) with { GpuLayers = model.Layers };
        var depth = promptTokens + (generatedTokens / 2);
        double Decode(Efficiency e) => RooflineModel.DecodeTokensPerSecond(model, device, fit, depth, KvCacheType.F16, e);
        double Prefill(Efficiency e) => RooflineModel.PrefillTokensPerSecond(model, device, promptTokens, e);
        // The ideal decode is the memory roof alone: a calibration's bandwidth share is measured against it.
        var idealDecode = device.BandwidthGbs.Value * 1e9 / (model.StreamedWeightBytes + ((double)MemoryEstimate.KvBytesPerToken(model, KvCacheType.F16) * depth));
        return new SpeedPrediction(Decode(efficiency), Prefill(efficiency), idealDecode, Prefill(Ideal));
    }

    /// <summary>Signed error of a prediction, percent of the measured value.</summary>
    public static double ErrorPercent(double predicted, double measured) => 100 * (predicted - measured) / measured;
}
