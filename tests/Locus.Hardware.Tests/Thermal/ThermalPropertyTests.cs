using FsCheck;
using FsCheck.Fluent;
using Locus.Hardware.Thermal;

namespace Locus.Hardware.Tests.Thermal;

/// <summary>FsCheck properties over networks, ambients and targets.</summary>
public sealed class ThermalPropertyTests
{
    [Fact]
    public void Run_HigherAmbient_NeverRaisesSustainedOrLowersPeak()
    {
        var cases = from envelope in Gen.Elements(ThermalEnvelopes.Ids.ToArray())
                    from ambient in Gen.Choose(0, 40)
                    from warmer in Gen.Choose(1, 15)
                    from target in Gen.Choose(1, 300)
                    select (envelope, ambient, warmer, target);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            // Two hours: the last 10% is past the trip's settling transient, which is not monotonic in ambient.
            var cool = Sim.Run(c.envelope, target: c.target, ambient: c.ambient, minutes: 120, stepMs: 1000);
            var warm = Sim.Run(c.envelope, target: c.target, ambient: c.ambient + c.warmer, minutes: 120, stepMs: 1000);
            return warm.SustainedTokensPerSecond <= cool.SustainedTokensPerSecond + 1e-9 && warm.PeakJunctionC >= cool.PeakJunctionC - 1e-9;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(60));
    }

    [Fact]
    public void Advance_AnyNetworkAndPower_EnergyBalancesAndStepsCompose()
    {
        var positive = Gen.Choose(1, 10_000).Select(i => i / 100.0);
        var cases = from cj in positive
                    from gjs in positive
                    from cs in positive
                    from gsa in positive
                    from watts in Gen.Choose(0, 500)
                    select (new ThermalNetwork(cj, gjs, cs * 10, gsa), (double)watts);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (network, watts) = c;
            double j1 = 1, s1 = 0.5, j2 = 1, s2 = 0.5;
            var whole = new StepResponse(network, 2).Advance(ref j1, ref s1, watts);
            var half = new StepResponse(network, 1);
            var parts = half.Advance(ref j2, ref s2, watts) + half.Advance(ref j2, ref s2, watts);
            var stored = (network.JunctionCapacityJPerK * (j1 - 1)) + (network.SinkCapacityJPerK * (s1 - 0.5));
            var scale = Math.Max(1, Math.Abs(watts * 2) + Math.Abs(whole));
            return Math.Abs(j1 - j2) < 1e-6 * Math.Max(1, Math.Abs(j1)) && Math.Abs(s1 - s2) < 1e-6 * Math.Max(1, Math.Abs(s1))
                && Math.Abs(whole - parts) < 1e-6 * scale && Math.Abs((watts * 2) - stored - whole) < 1e-6 * scale;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }
}
