using Locus.Hardware.Placement;

namespace Locus.Hardware.Tests;

public sealed class EconomicsTests
{
    /// <summary>10M tokens/month, a quarter generated; $3/$15 per million; $3,600 over 36 months; 100 W; $0.25/kWh; duty 0.5.</summary>
    private static CostInputs Inputs(double monthlyTokens = 10_000_000) => new(
        Assumed.Given(monthlyTokens, "t"), Assumed.Given(0.25, "t"), Assumed.Given(3, "t"), Assumed.Given(15, "t"), Assumed.Given(3600, "t"),
        Assumed.Given(36, "t"), Assumed.Given(0.25, "t"), Assumed.Given(100, "t"), Assumed.Given(0.5, "t"));

    [Fact]
    public void Compute_WorkedExample_MatchesHandArithmetic()
    {
        var e = Economics.Compute(Inputs(), prefillTokensPerSecond: 1000, decodeTokensPerSecond: 50);

        // Cloud: 7.5M × $3/M + 2.5M × $15/M.
        Assert.Equal(60.0, e.CloudMonthlyUsd, 9);
        Assert.Equal(100.0, e.HardwareMonthlyUsd, 9);
        // 100 W ÷ 1000 t/s = 0.1 J per prompt token; 100 W ÷ 50 t/s = 2 J per generated token.
        Assert.Equal((0.1, 2.0), (e.JoulesPerInputToken, e.JoulesPerOutputToken));
        // (7.5M × 0.1 J + 2.5M × 2 J) = 5.75 MJ = 1.597 kWh × $0.25.
        Assert.Equal(0.3993055555555556, e.ElectricityMonthlyUsd, 9);
        Assert.Equal(100.3993055555555556, e.LocalMonthlyUsd, 9);
        // $100 fixed ÷ ($6 − $0.0399) per million tokens of the mix.
        Assert.Equal(16_778_327.993, e.BreakEvenMonthlyTokens!.Value, 2);
        // 7.5M ÷ 1000 + 2.5M ÷ 50 = 57,500 s busy, of 30 days × 0.5 = 1,296,000 s available.
        Assert.Equal(57_500, e.BusySecondsPerMonth, 6);
        Assert.Equal(225_391_304.348, e.LocalCapacityMonthlyTokens, 2);
        Assert.True(e.LocalCapacityEnough);
        Assert.False(e.LocalCheaper);
    }

    [Theory]
    [InlineData(1000, 50)]
    [InlineData(200, 8)]
    [InlineData(20000, 400)]
    public void Compute_AtBreakEven_BothSidesCostTheSame(double prefill, double decode)
    {
        var breakEven = Economics.Compute(Inputs(), prefill, decode).BreakEvenMonthlyTokens!.Value;

        var atBreakEven = Economics.Compute(Inputs(breakEven), prefill, decode);
        var above = Economics.Compute(Inputs(breakEven * 1.1), prefill, decode);

        Assert.Equal(atBreakEven.CloudMonthlyUsd, atBreakEven.LocalMonthlyUsd, 6);
        Assert.True(above.LocalCheaper);
    }

    [Fact]
    public void Compute_ElectricityDearerThanCloud_NeverBreaksEven()
    {
        // 1 t/s at 100 W is 100 J per token: 0.0069 $/token of electricity against the cloud's 0.000006.
        var e = Economics.Compute(Inputs(), prefillTokensPerSecond: 1, decodeTokensPerSecond: 1);

        Assert.Null(e.BreakEvenMonthlyTokens);
        Assert.False(e.LocalCapacityEnough); // and 10M seconds of work do not fit in a month
    }

    [Theory]
    [InlineData(20, 40, 0.5)]
    [InlineData(700, 3500, 0.2)]
    public void EnergyPerToken_IsPowerOverSpeed(double watts, double tokensPerSecond, double joules) =>
        Assert.Equal(joules, Energy.EnergyPerToken(watts, tokensPerSecond), 12);

    [Fact]
    public void EnergyPerToken_NoSpeed_IsInfinite() => Assert.True(double.IsPositiveInfinity(Energy.EnergyPerToken(10, 0)));
}
