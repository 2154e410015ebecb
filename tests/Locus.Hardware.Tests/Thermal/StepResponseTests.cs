using Locus.Hardware.Thermal;

namespace Locus.Hardware.Tests.Thermal;

/// <summary>The exact two-node step response against analytic solutions and an independent RK4 integration.</summary>
public sealed class StepResponseTests
{
    private static readonly ThermalNetwork Laptop = ThermalNetwork.FromResistances(5, 3.0, 175, 1.9);

    [Theory]
    [InlineData(0.1)]
    [InlineData(1.0)]
    [InlineData(30.0)]
    public void Advance_ConstantPowerLongRun_ReachesAnalyticSteadyState(double stepSeconds)
    {
        var step = new StepResponse(Laptop, stepSeconds);
        double j = 0, s = 0;
        for (var t = 0.0; t < 20 * 3600; t += stepSeconds)
        {
            step.Advance(ref j, ref s, 15);
        }

        var (tj, ts) = Laptop.SteadyState(15, ambientC: 0);
        Assert.Equal(15 * ((1 / Laptop.JunctionToSinkWPerK) + (1 / Laptop.SinkToAmbientWPerK)), tj, 9);
        Assert.Equal(tj, j, 6);
        Assert.Equal(ts, s, 6);
    }

    [Fact]
    public void Advance_PowerStep_MatchesIndependentRk4AtSeveralTimes()
    {
        var step = new StepResponse(Laptop, 0.1);
        double j = 0, s = 0;
        var (rk4J, rk4S) = (0.0, 0.0);
        var checkpoints = new[] { 1.0, 10, 60, 600, 1800 };
        var t = 0.0;
        foreach (var checkpoint in checkpoints)
        {
            while (t < checkpoint - 1e-9)
            {
                step.Advance(ref j, ref s, 20);
                for (var k = 0; k < 100; k++)
                {
                    (rk4J, rk4S) = Rk4(Laptop, rk4J, rk4S, 20, 0.001);
                }

                t += 0.1;
            }

            Assert.Equal(rk4J, j, 6);
            Assert.Equal(rk4S, s, 6);
        }

        Assert.True(j > 50, "after 30 min at 20 W the die is well above ambient");
    }

    [Fact]
    public void Advance_StrongCoupling_MatchesOneNodeExponential()
    {
        // G_js → ∞ merges the nodes: one capacity C_j + C_s through G_sa, u(t) = P/G_sa (1 − e^(−t G_sa/(C_j+C_s))).
        var merged = new ThermalNetwork(5, 1e5, 175, 0.5);
        var step = new StepResponse(merged, 0.1);
        double j = 0, s = 0;
        for (var i = 1; i <= 6000; i++)
        {
            step.Advance(ref j, ref s, 10);
            if (i % 1000 != 0)
            {
                continue;
            }

            var expected = 10 / 0.5 * -double.ExpM1(-i * 0.1 * 0.5 / 180);
            Assert.Equal(expected, s, 1e-3);
            Assert.Equal(expected, j, 1e-3); // the die sits P/G_js = 0.1 mK above the sink
        }
    }

    [Fact]
    public void Advance_VaryingPowerLongRun_HeatInEqualsStoredPlusOutWithin1Percent()
    {
        var step = new StepResponse(Laptop, 0.1);
        var random = new Random(7);
        double j = 0, s = 0, heatIn = 0, heatOut = 0;
        for (var i = 0; i < 36_000; i++)
        {
            var watts = i % 600 < 300 ? 20 * random.NextDouble() : 2;
            heatIn += watts * 0.1;
            heatOut += step.Advance(ref j, ref s, watts);
        }

        var stored = (Laptop.JunctionCapacityJPerK * j) + (Laptop.SinkCapacityJPerK * s);
        var ledger = new EnergyLedger(heatIn, stored, heatOut);
        Assert.True(heatOut > stored / 10, "a long run sheds a real share of its heat");
        Assert.True(ledger.RelativeImbalance < 0.01, $"imbalance {ledger.RelativeImbalance:E2}");
        Assert.True(ledger.RelativeImbalance < 1e-9, $"exact integration should close to rounding, imbalance {ledger.RelativeImbalance:E2}");
    }

    [Fact]
    public void Advance_OneLongStep_EqualsManyShortSteps()
    {
        double j1 = 3, s1 = 1, j2 = 3, s2 = 1;
        new StepResponse(Laptop, 60).Advance(ref j1, ref s1, 12);
        var shortStep = new StepResponse(Laptop, 0.1);
        for (var i = 0; i < 600; i++)
        {
            shortStep.Advance(ref j2, ref s2, 12);
        }

        Assert.Equal(j1, j2, 7);
        Assert.Equal(s1, s2, 7);
    }

    [Fact]
    public void StepResponse_NonPositiveValues_Rejected()
    {
        Assert.Throws<ArgumentException>(() => new StepResponse(new ThermalNetwork(0, 1, 1, 1), 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepResponse(Laptop, 0));
    }

    /// <summary>One classical Runge–Kutta step of the network's differential equations (rises above ambient).</summary>
    internal static (double J, double S) Rk4(ThermalNetwork n, double j, double s, double watts, double h)
    {
        (double, double) F(double tj, double ts) => (
            (watts - (n.JunctionToSinkWPerK * (tj - ts))) / n.JunctionCapacityJPerK,
            ((n.JunctionToSinkWPerK * (tj - ts)) - (n.SinkToAmbientWPerK * ts)) / n.SinkCapacityJPerK);
        var (a1, b1) = F(j, s);
        var (a2, b2) = F(j + (h / 2 * a1), s + (h / 2 * b1));
        var (a3, b3) = F(j + (h / 2 * a2), s + (h / 2 * b2));
        var (a4, b4) = F(j + (h * a3), s + (h * b3));
        return (j + (h / 6 * (a1 + (2 * a2) + (2 * a3) + a4)), s + (h / 6 * (b1 + (2 * b2) + (2 * b3) + b4)));
    }
}
