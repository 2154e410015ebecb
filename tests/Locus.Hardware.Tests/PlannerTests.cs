using Locus.Hardware.Devices;
using Locus.Hardware.Fit;
using Locus.Hardware.Models;
using Locus.Hardware.Performance;
using Locus.Hardware.Planning;

namespace Locus.Hardware.Tests;

public sealed class PlannerTests
{
    private static readonly ModelShape Llama7BQ4 = ArchitecturePresets.Shape(6.74, "Q4_0", 4.5, "Llama-2 7B");

    private static DeviceProfile Device(string name) => DeviceCatalog.BuiltIn.Find(name, out _)!;

    [Fact]
    public void Run_DecodeSpeed_IsBandwidthOverBytesPlusOverhead()
    {
        var device = Device("apple-m2-max");
        var plan = Planner.Run(new PlanRequest(Llama7BQ4, device, 4096, 1, KvCacheType.F16));
        var e = Efficiency.Fitted;
        // All weights but the untied token-embedding table (32,000 × 4,096 at 4.5 bits, only looked up), plus one
        // token of F16 KV already cached.
        var bytes = Llama7BQ4.WeightBytes - (32000 * 4096 * 4.5 / 8) + (512.0 * 1024 * 1);
        var expected = 1 / ((bytes / (e.DecodeBandwidth * 400e9)) + (32 * e.DecodeLayerOverheadSeconds));
        Assert.Equal(expected, plan.DecodeTokensPerSecond, expected * 1e-6);
        Assert.Equal(Limit.Bandwidth, plan.DecodeLimit);
    }

    [Fact]
    public void Run_MoreBandwidth_FasterButLessThanProportional()
    {
        var slow = Planner.Run(new PlanRequest(Llama7BQ4, Device("apple-m2-pro"), 4096, 512));
        var fast = Planner.Run(new PlanRequest(Llama7BQ4, Device("apple-m2-ultra"), 4096, 512));
        var ratio = fast.DecodeTokensPerSecond / slow.DecodeTokensPerSecond;
        Assert.InRange(ratio, 1.5, 4.0); // 4× the bandwidth; the fixed per-layer cost keeps it below 4×
    }

    [Fact]
    public void Run_LongerPrompt_DeeperKvSlowsDecodeAndPrefill()
    {
        var shortPrompt = Planner.Run(new PlanRequest(Llama7BQ4, Device("apple-m4-max"), 32768, 512));
        var longPrompt = Planner.Run(new PlanRequest(Llama7BQ4, Device("apple-m4-max"), 32768, 16384));
        Assert.True(longPrompt.DecodeTokensPerSecond < shortPrompt.DecodeTokensPerSecond);
        Assert.True(longPrompt.PrefillTokensPerSecond < shortPrompt.PrefillTokensPerSecond);
        Assert.True(longPrompt.TimeToFirstTokenSeconds > 16384 / shortPrompt.PrefillTokensPerSecond);
    }

    [Fact]
    public void Run_PartialOffload_SlowerThanAllOnGpuAndNamesHostBandwidth()
    {
        var model = ArchitecturePresets.Shape(70.6, "Q4_K_M", 4.90);
        var partial = Planner.Run(new PlanRequest(model, Device("rtx-4090"), 4096, 512));
        var whole = Planner.Run(new PlanRequest(model, Device("h100-sxm"), 4096, 512));
        Assert.Equal(Limit.HostBandwidth, partial.DecodeLimit);
        Assert.True(partial.DecodeTokensPerSecond < whole.DecodeTokensPerSecond / 5);
    }

    [Fact]
    public void Run_DoesNotFit_ReportsMemoryLimitAndNoSpeed()
    {
        var plan = Planner.Run(new PlanRequest(ArchitecturePresets.Shape(70.6, "F16", 16), Device("raspberry-pi-5"), 4096, 512));
        Assert.False(plan.Memory.FitsWithHostMemory);
        Assert.Equal(Limit.Memory, plan.DecodeLimit);
        Assert.Equal(0, plan.DecodeTokensPerSecond);
    }

    [Fact]
    public void Run_ContextBeyondTrained_Flagged()
    {
        Assert.True(Planner.Run(new PlanRequest(Llama7BQ4, Device("h100"), 8192, 512)).ExceedsTrainedContext); // Llama-2: 4096
        Assert.False(Planner.Run(new PlanRequest(Llama7BQ4, Device("h100"), 4096, 512)).ExceedsTrainedContext);
    }

    [Fact]
    public void Run_FewFlopsForTheBandwidth_DecodeIsComputeBound()
    {
        // 400 GB/s but 0.1 TFLOPS: the token's 13.5 GFLOP take far longer than streaming 3.8 GB.
        var device = Device("apple-m2-max") with { Tflops = Sourced.Given(0.1, "test") };
        var plan = Planner.Run(new PlanRequest(Llama7BQ4, device, 4096, 1));
        var e = Efficiency.Fitted;
        var expected = 1 / ((RooflineModel.FlopsPerToken(Llama7BQ4, 1) / (e.PrefillCompute * 0.1e12)) + (32 * e.DecodeLayerOverheadSeconds));
        Assert.Equal(Limit.Compute, plan.DecodeLimit);
        Assert.Equal(expected, plan.DecodeTokensPerSecond, expected * 1e-9);
    }
}
