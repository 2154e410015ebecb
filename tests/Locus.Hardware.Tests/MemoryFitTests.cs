using Locus.Hardware.Devices;
using Locus.Hardware.Fit;
using Locus.Hardware.Models;

namespace Locus.Hardware.Tests;

public sealed class MemoryFitTests
{
    private const long KiB = 1024, GiB = 1024L * 1024 * 1024;

    private static ModelShape Llama2_7B(string quant = "F16") => ArchitecturePresets.Shape(6.74, quant, QuantBits(quant), "Llama-2 7B");

    private static ModelShape Llama3_8B(string quant = "F16") => ArchitecturePresets.Shape(8.03, quant, QuantBits(quant), "Llama-3 8B");

    private static double QuantBits(string quant) => QuantTable.TryGet(quant, out var bits) ? bits : throw new ArgumentException(quant);

    private static DeviceProfile Unified(double gib) => DeviceCatalog.BuiltIn.Find("apple-m2-max", out _)! with { MemoryGib = Sourced.Given(gib, "test") };

    [Fact]
    public void KvBytesPerToken_Llama2_7B_F16_Is512KiB() =>
        Assert.Equal(512 * KiB, MemoryEstimate.KvBytesPerToken(Llama2_7B(), KvCacheType.F16)); // hardware-facts.md: 1 GiB at n_ctx 2048

    [Fact]
    public void KvBytes_Llama3_8B_F16At8192_Is1GiB()
    {
        Assert.Equal(128 * KiB, MemoryEstimate.KvBytesPerToken(Llama3_8B(), KvCacheType.F16));
        Assert.Equal(GiB, MemoryEstimate.KvBytes(Llama3_8B(), KvCacheType.F16, 8192));
    }

    [Theory]
    [InlineData(KvCacheType.Q8_0, 34, 32)]
    [InlineData(KvCacheType.Q4_0, 18, 32)]
    public void KvBytesPerToken_QuantizedCache_ScalesByBlockLayout(KvCacheType type, int blockBytes, int blockElements)
    {
        // Llama-3 8B: 2 × 32 layers × 8 heads × 128 dims = 65,536 elements per token.
        Assert.Equal(65536L * blockBytes / blockElements, MemoryEstimate.KvBytesPerToken(Llama3_8B(), type));
    }

    [Fact]
    public void Shape_ParamsAndQuant_WeightsAreParamsTimesBitsPerWeight()
    {
        var model = Llama3_8B("Q4_K_M");
        Assert.Equal(8.03e9 * 4.90 / 8, model.WeightBytes, 0.001 * model.WeightBytes);
    }

    [Fact]
    public void MaxContext_IsTheLargestContextThatFits()
    {
        var model = Llama3_8B("Q8_0") with { TrainedContext = null };
        var device = Unified(16);
        var max = MemoryFitCalculator.Compute(model, device, 4096, KvCacheType.F16).MaxContext;
        Assert.InRange(max, 1024, 1_000_000);
        Assert.True(MemoryFitCalculator.Compute(model, device, max, KvCacheType.F16).Fits);
        Assert.False(MemoryFitCalculator.Compute(model, device, max + 1, KvCacheType.F16).Fits);
    }

    [Fact]
    public void MaxContext_QuantizedCache_HoldsAboutTwiceAsMuch()
    {
        var model = Llama3_8B("Q4_K_M") with { TrainedContext = null };
        var f16 = MemoryFitCalculator.Compute(model, Unified(16), 1, KvCacheType.F16).MaxContext;
        var q8 = MemoryFitCalculator.Compute(model, Unified(16), 1, KvCacheType.Q8_0).MaxContext;
        Assert.InRange((double)q8 / f16, 1.85, 1.9); // 2 / 1.0625 = 1.88
    }

    [Fact]
    public void MaxContext_CappedAtTrainedContext() =>
        Assert.Equal(4096, MemoryFitCalculator.Compute(Llama2_7B("Q4_0"), Unified(192), 2048, KvCacheType.F16).MaxContext);

    [Fact]
    public void Compute_WeightsBeyondUnifiedShare_DoesNotFit()
    {
        var fit = MemoryFitCalculator.Compute(Llama2_7B(), Unified(16), 2048, KvCacheType.F16); // 12.6 GB of weights > 12 GiB usable
        Assert.False(fit.Fits);
        Assert.False(fit.FitsWithHostMemory);
        Assert.Equal(0, fit.MaxContext);
    }

    [Fact]
    public void Compute_70BOn24GiBGpu_OffloadsTheLayersThatFit()
    {
        var model = ArchitecturePresets.Shape(70.6, "Q4_K_M", 4.90);
        var device = DeviceCatalog.BuiltIn.Find("rtx-4090", out _)!;
        var fit = MemoryFitCalculator.Compute(model, device, 8192, KvCacheType.F16);
        Assert.False(fit.Fits);
        Assert.True(fit.FitsWithHostMemory);
        Assert.InRange(fit.GpuLayers, 1, model.Layers - 1);
        var perLayer = (double)(fit.WeightBytes + fit.KvBytes) / model.Layers;
        Assert.True((fit.GpuLayers * perLayer) + fit.ComputeBytes <= fit.UsableBytes, "offloaded layers overflow VRAM");
        Assert.True(((fit.GpuLayers + 1) * perLayer) + fit.ComputeBytes > fit.UsableBytes, "one more layer would also have fit");
    }

    [Fact]
    public void ComputeBytes_WithoutFlashAttention_GrowsWithContext()
    {
        var model = Llama3_8B();
        Assert.Equal(MemoryEstimate.ComputeBytes(model, 4096), MemoryEstimate.ComputeBytes(model, 32768));
        Assert.True(MemoryEstimate.ComputeBytes(model, 32768, flashAttention: false) > MemoryEstimate.ComputeBytes(model, 4096, flashAttention: false));
    }
}
