using Locus.Hardware.Thermal;

namespace Locus.Hardware.Tests.Thermal;

/// <summary>
/// The behaviours each preset was calibrated to (../shared/docs/hardware-facts.md, "Thermal limits and behaviour";
/// docs/planner.md has the table). If a preset value is changed, these say which observed behaviour broke.
/// </summary>
public sealed class ThermalCalibrationTests
{
    [Fact]
    public void FanlessM2_FullLoad_PeaksAt108ThenSettlesNear100()
    {
        var result = Sim.Run("fanless-laptop", target: 1000, minutes: 60);
        Assert.Equal(108, result.PeakJunctionC, 1);
        Assert.InRange(result.TimeToThrottleSeconds!.Value, 3 * 60, 12 * 60); // assumption: minutes, not seconds or hours
        Assert.InRange(result.Trace.JunctionC[^1], 98, 102);
    }

    [Fact]
    public void FanlessM3_FullLoad_Peaks114ThenSettlesNear100()
    {
        var result = Sim.Run("fanless-laptop", target: 1000, device: "apple-m3", minutes: 60);
        Assert.Equal(114, result.PeakJunctionC, 1);
        Assert.InRange(result.Trace.JunctionC[^1], 98, 102);
    }

    [Fact]
    public void CooledMaxChip_RunningLlamaCpp_StaysAt60To70WithoutThrottling()
    {
        var result = Sim.Run("cooled-laptop", target: 1000, minutes: 60);
        Assert.Null(result.TimeToThrottleSeconds);
        Assert.InRange(result.PeakJunctionC, 60, 70);
    }

    [Theory]
    [InlineData("fanless-laptop")]
    [InlineData("cooled-laptop")]
    [InlineData("desktop-gpu")]
    [InlineData("datacenter-gpu")]
    public void PowerModel_StreamingAtFittedBandwidth_DrawsAboutTheSustainedEnvelope(string envelope)
    {
        var request = Sim.Request(envelope);
        var device = request.Device;
        var power = request.Envelope.Power.For(device.SustainedWatts.Value);
        var bytesPerSecond = Performance.Efficiency.Fitted.DecodeBandwidth * device.BandwidthGbs.Value * 1e9;
        var watts = power.IdleWatts + (power.JoulesPerByte * bytesPerSecond);
        Assert.InRange(watts / device.SustainedWatts.Value, 0.9, 1.15);
    }

    [Fact]
    public void Datacenter_H100AtFullPowerIn25CInlet_StaysBelowSlowdown()
    {
        var request = Sim.Request("datacenter-gpu", minutes: 60);
        var network = request.Envelope.Network;
        Assert.True(network.SteadyState(700, 25).JunctionC < 87);
        Assert.True(network.SteadyState(700, 45).JunctionC > 87, "a hot inlet does throttle it");
    }
}
