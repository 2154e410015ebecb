using Locus.Hardware.Devices;
using Locus.Hardware.Thermal;

namespace Locus.Hardware.Tests.Thermal;

/// <summary>The simulator's acceptance physics: the limit holds, envelopes order as they should, the target binds when it can.</summary>
public sealed class ThermalSimulatorTests
{
    /// <summary>Tolerance on T_j ≤ limit: the controller solves for the power that lands exactly on the limit, so only rounding remains.</summary>
    private const double LimitToleranceC = 1e-6;

    [Theory]
    [InlineData(8, 20, 25)]
    [InlineData(8, 1000, 25)]
    [InlineData(3, 1000, 35)]
    [InlineData(1, 500, 32)]
    public void Run_FanlessDemandingTarget_JunctionNeverAboveLimit(double paramsB, double target, double ambient)
    {
        var result = Sim.Run("fanless-laptop", paramsB, target, ambient: ambient, minutes: 60);
        Assert.NotNull(result.TimeToThrottleSeconds);
        Assert.Equal(BindingLimit.Thermal, result.Binding);
        Assert.All(result.Trace.JunctionC, t => Assert.True(t <= result.JunctionLimitC + LimitToleranceC, $"{t} °C"));
        Assert.True(result.PeakJunctionC <= result.JunctionLimitC + LimitToleranceC);
        Assert.True(result.PeakJunctionC > result.JunctionLimitC - 0.5, "it reaches its limit before throttling");
    }

    [Fact]
    public void Run_SameChipSameModel_CooledLaptopAbout30PercentFasterSustained()
    {
        var fanless = Sim.Run("fanless-laptop", target: 1000);
        var cooled = Sim.Run("cooled-laptop", target: 1000, device: "apple-m2");
        Assert.Equal(fanless.Load.MaxTokensPerSecond, cooled.Load.MaxTokensPerSecond, 9);
        Assert.InRange(cooled.SustainedTokensPerSecond / fanless.SustainedTokensPerSecond, 1.2, 1.4);
    }

    [Theory]
    [InlineData(8, "Q4_K_M")]
    [InlineData(3, "Q8_0")]
    [InlineData(1, "F16")]
    public void Run_SameModelDefaultDevices_FanlessBelowCooledBelowDesktopBelowDatacenter(double paramsB, string quant)
    {
        var sustained = ThermalEnvelopes.Ids
            .Select(e => ThermalSimulator.Run(Sim.Request(e, paramsB, target: 10_000, quant: quant)).SustainedTokensPerSecond)
            .ToList();
        Assert.True(sustained.SequenceEqual(sustained.Order()) && sustained.Distinct().Count() == 4, string.Join(", ", sustained));
    }

    [Theory]
    [InlineData("fanless-laptop")]
    [InlineData("cooled-laptop")]
    [InlineData("desktop-gpu")]
    [InlineData("datacenter-gpu")]
    public void Run_TargetBelowThrottlePoint_MetWithBindingTarget(string envelope)
    {
        // Below the fanless laptop's sustainable speed (a third of its roofline), every envelope meets it all the way.
        var max = Sim.Run(envelope, minutes: 1).Load.MaxTokensPerSecond;
        var target = Math.Min(5, max / 3);
        var result = Sim.Run(envelope, target: target, minutes: 60);
        Assert.Equal(BindingLimit.Target, result.Binding);
        Assert.Null(result.TimeToThrottleSeconds);
        Assert.All(result.Trace.TokensPerSecond, s => Assert.Equal(target, s, 9));
        Assert.Equal(target, result.SustainedTokensPerSecond, 9);
    }

    [Fact]
    public void Run_TargetAboveRoofline_BandwidthBindsOnCoolDevice()
    {
        var result = Sim.Run("datacenter-gpu", target: 10_000, minutes: 5);
        Assert.Equal(BindingLimit.Bandwidth, result.Binding);
        Assert.Equal(result.Load.MaxTokensPerSecond, result.SustainedTokensPerSecond, 6);
    }

    [Fact]
    public void Run_NoTarget_RooflineBindsAtItsMaximum()
    {
        var result = Sim.Run("desktop-gpu", target: null, minutes: 5);
        Assert.Equal(BindingLimit.Bandwidth, result.Binding);
        Assert.Equal(result.Load.MaxTokensPerSecond, result.TargetTokensPerSecond);
    }

    [Theory]
    [InlineData(36_000, 300)]
    [InlineData(100, 300)]
    [InlineData(7, 2)]
    public void SampleSteps_AnyRun_EvenlySpacedFromFirstToLast(int steps, int points)
    {
        var picked = ThermalJson.SampleSteps(steps, points).ToList();
        Assert.Equal(Math.Min(steps, points), picked.Count);
        Assert.Equal(0, picked[0]);
        Assert.Equal(steps - 1, picked[^1]);
        Assert.Equal(picked.Count, picked.Distinct().Count());
        var gaps = picked.Zip(picked.Skip(1), (a, b) => b - a).ToList();
        Assert.True(gaps.Max() - gaps.Min() <= 1);
    }

    [Fact]
    public void Run_DeviceWithLowPowerCap_PowerCapBinds()
    {
        var request = Sim.Request("cooled-laptop", target: 10_000, minutes: 5);
        var capped = request with { Device = request.Device with { SustainedWatts = Sourced.Given(30, "test") } };
        var result = ThermalSimulator.Run(capped);
        Assert.Equal(BindingLimit.PowerCap, result.Binding);
        Assert.All(result.Trace.Watts, w => Assert.True(w <= 30 + 1e-9));
        Assert.True(result.SustainedTokensPerSecond < result.Load.MaxTokensPerSecond);
    }

    [Fact]
    public void Run_DeviceWithLittleCompute_ComputeBinds()
    {
        var request = Sim.Request("desktop-gpu", paramsB: 1, target: 10_000, minutes: 2);
        var weak = request with { Device = request.Device with { Tflops = Sourced.Given(0.05, "test") } };
        Assert.Equal(BindingLimit.Compute, ThermalSimulator.Run(weak).Binding);
    }

    [Fact]
    public void Run_HalfDuty_CoolerAndMoreJoulesPerToken()
    {
        var full = Sim.Run("fanless-laptop", target: 8, minutes: 20);
        var half = Sim.Run("fanless-laptop", target: 8, duty: 0.5, minutes: 20);
        Assert.True(half.PeakJunctionC < full.PeakJunctionC);
        Assert.True(half.JoulesPerToken > full.JoulesPerToken, "idle power between requests is charged to fewer tokens");
        Assert.True(half.Energy.RelativeImbalance < 0.01);
    }

    [Fact]
    public void Run_OneHourVaryingThrottle_EnergyBalancesWithin1Percent()
    {
        var result = Sim.Run("fanless-laptop", target: 1000, minutes: 60, duty: 0.9);
        Assert.NotNull(result.TimeToThrottleSeconds);
        Assert.True(result.Energy.OutJ > 0.5 * result.Energy.InJ);
        Assert.True(result.Energy.RelativeImbalance < 0.01, $"{result.Energy}");
    }

    [Fact]
    public void Run_StepSize_SameAnswerAt100msAnd1s()
    {
        var fine = Sim.Run("fanless-laptop", target: 1000, stepMs: 100);
        var coarse = Sim.Run("fanless-laptop", target: 1000, stepMs: 1000);
        Assert.Equal(fine.SustainedTokensPerSecond, coarse.SustainedTokensPerSecond, 1);
        Assert.InRange(coarse.TimeToThrottleSeconds!.Value - fine.TimeToThrottleSeconds!.Value, -1.01, 1.01);
    }
}
