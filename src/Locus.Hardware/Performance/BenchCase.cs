using Locus.Hardware.Devices;
using Locus.Hardware.Fit;
using Locus.Hardware.Models;

namespace Locus.Hardware.Performance;

/// <summary>
/// A measured row turned into planner inputs: the catalog profile with the row's own bandwidth and GPU core count
/// (compute scales with cores), and the model shaped like its named preset with the row's measured file size.
/// </summary>
public sealed record BenchCase(BenchRow Row, ModelShape Model, DeviceProfile Device)
{
    private const double GiB = 1024.0 * 1024 * 1024;

    public static BenchCase From(BenchRow row, DeviceCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(catalog);
        var profile = catalog.Find(row.Device, out _)
            ?? throw new ArgumentException($"no device profile matches '{row.Device}' (needed for its compute peak)");
        var cores = profile.GpuCores;
        var tflops = row.GpuCores is { } n && cores is not null
            ? Sourced.Assumed(profile.Tflops.Value * n / cores.Value, $"{profile.Name} compute scaled to {n} GPU cores")
            : profile.Tflops;
        var device = profile with { BandwidthGbs = Sourced.Given(row.BandwidthGbs, "the measured row"), Tflops = tflops };
        var preset = ArchitecturePresets.All.FirstOrDefault(p => string.Equals(p.Name, row.Model, StringComparison.OrdinalIgnoreCase))
            ?? ArchitecturePresets.Nearest(row.ParamsB);
        // The row's measured file size; bits per weight follow from it (so the lookup table's share is sized alike).
        var model = ArchitecturePresets.Shape(row.ParamsB, row.Quant, row.ModelSizeGib * GiB * 8 / (row.ParamsB * 1e9), preset.Name);
        return new BenchCase(row, model, device);
    }

    /// <summary>The planner's tokens/s for this row's test under <paramref name="efficiency"/>.</summary>
    public double Predict(Efficiency efficiency)
    {
        if (!Row.IsDecode)
        {
            return RooflineModel.PrefillTokensPerSecond(Model, Device, Row.TestTokens, efficiency);
        }
        // llama-bench tgN generates N tokens from an empty cache: the mean depth is about N / 2.
        var fit = MemoryFitCalculator.Compute(Model, Device, Row.TestTokens, KvCacheType.F16) with { GpuLayers = Model.Layers };
        return RooflineModel.DecodeTokensPerSecond(Model, Device, fit, Row.TestTokens / 2, KvCacheType.F16, efficiency);
    }
}
