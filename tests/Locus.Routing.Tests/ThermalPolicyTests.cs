using Locus.Core.Abstractions;
using Locus.Routing.Options;
using Locus.Routing.Policy;
using Locus.Routing.Requests;

namespace Locus.Routing.Tests;

/// <summary>
/// The thermal signal in the policy. The outlook here is a fixed forecast (the policy's input, as a sensor would give
/// it); the simulation that produces real forecasts is tested in Locus.Hardware.Tests and end to end in the server.
/// </summary>
public sealed class ThermalPolicyTests
{
    private readonly RouterFixture _fixture = new();

    private RouteDecision Decide(double speedFactor, Func<RoutingOptions, RoutingOptions>? routing = null, RequestContext? context = null)
    {
        _fixture.Thermal = new FixedOutlook(speedFactor);
        return _fixture.Build(routing).Explain(RouterFixture.Ask(Prompts.Simple), null, context ?? new RequestContext());
    }

    private static Func<RoutingOptions, RoutingOptions> Needs(double tokensPerSecond) =>
        r => r with { Thermal = new ThermalOptions { MinTokensPerSecond = tokensPerSecond } };

    [Fact]
    public void Decide_CoolDevice_StaysLocalWithoutThermalReason()
    {
        var d = Decide(1.0, Needs(15));
        Assert.Equal(RouteTier.Local, d.Tier);
        Assert.DoesNotContain(d.Reasons, r => r.Signal == "thermal");
    }

    [Fact]
    public void Decide_ThrottlingBelowNeededSpeed_EscalatesAndSaysWhy()
    {
        // The fixture's local target starts at 20 tok/s; half of that is under the 15 tok/s needed.
        var d = Decide(0.5, Needs(15));
        Assert.Equal((RouteTier.Cloud, "cloud"), (d.Tier, d.Target));
        var reasons = d.Reasons.Where(r => r.Signal == "thermal").Select(r => r.Detail).ToList();
        Assert.Contains(reasons, r => r.Contains("96 °C of 100 °C", StringComparison.Ordinal) && r.Contains("10 tok/s (50% of 20)", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.EndsWith("under the 15 tok/s needed → tier 3", StringComparison.Ordinal));
    }

    [Fact]
    public void Decide_ThrottlingAboveNeededSpeed_StaysLocalButExplains()
    {
        var d = Decide(0.9, Needs(15));
        Assert.Equal(RouteTier.Local, d.Tier);
        Assert.Contains(d.Reasons, r => r.Signal == "thermal" && r.Detail.Contains("18 tok/s (90% of 20)", StringComparison.Ordinal));
    }

    [Fact]
    public void Decide_ThrottlingButPrivateData_StaysLocal()
    {
        _fixture.Thermal = new FixedOutlook(0.5);
        var privateAsk = _fixture.Build(r => Needs(15)(r) with { Privacy = PrivacyAction.Block })
            .Explain(RouterFixture.Ask(Prompts.Simple + " Mail me at jane.doe@example.com"), null, new RequestContext());
        Assert.Equal(RouteTier.Local, privateAsk.Tier);
        Assert.Contains(privateAsk.Reasons, r => r.Signal == "thermal" && r.Detail.Contains("no other target may take it", StringComparison.Ordinal));
    }

    [Fact]
    public void Decide_ThrottlingWithLatencyBudget_PredictsTheSlowerSpeed()
    {
        // 256 tokens at 20 tok/s take 12.8 s; at a quarter of that speed, 51 s: over a 20 s budget, so the cloud wins.
        var budget = new RequestContext(LatencyBudget: TimeSpan.FromSeconds(20));
        var cool = Decide(1.0, context: budget);
        var hot = Decide(0.25, context: budget);
        Assert.Equal(RouteTier.Local, cool.Tier);
        Assert.Equal(RouteTier.Cloud, hot.Tier);
        Assert.Contains(hot.Reasons, r => r.Signal == "latency" && r.Detail.Contains("> 20000 ms budget", StringComparison.Ordinal));
    }

    [Fact]
    public void Decide_SourceOff_IgnoresTheOutlook()
    {
        var d = Decide(0.1, r => r with { Thermal = new ThermalOptions { Source = ThermalSource.Off, MinTokensPerSecond = 15 } });
        Assert.Equal(RouteTier.Local, d.Tier);
        Assert.DoesNotContain(d.Reasons, r => r.Signal == "thermal");
    }

    [Fact]
    public void Decide_Forecast_AskedForTheAnswersLength()
    {
        var outlook = new FixedOutlook(1.0);
        _fixture.Thermal = outlook;
        _fixture.Build().Explain(RouterFixture.Ask(Prompts.Simple), new Microsoft.Extensions.AI.ChatOptions { MaxOutputTokens = 100 }, new RequestContext());
        Assert.Equal((20, 5.0), (outlook.LastTokensPerSecond, outlook.LastDuration.TotalSeconds));
    }

    [Fact]
    public void Decide_LocalEngineBatching_ForecastReadsTheEnginesMeasuredPerStreamSpeed()
    {
        var outlook = new FixedOutlook(1.0);
        _fixture.Thermal = outlook;
        _fixture.Local.Running = 3;
        _fixture.Local.Parallel = 4;
        _fixture.Local.Engine = new EngineSnapshot(4, 3, 900, 8192, 3000, 0, 1200, 24, 8, 300, 3);

        _fixture.Build().Explain(RouterFixture.Ask(Prompts.Simple), new Microsoft.Extensions.AI.ChatOptions { MaxOutputTokens = 100 }, new RequestContext());

        // Joining three running streams, a request gets the 8 tokens/s each stream was measured at, not a lone 20.
        Assert.Equal((8, 12.5), (outlook.LastTokensPerSecond, outlook.LastDuration.TotalSeconds));
    }

    private sealed class FixedOutlook(double factor) : IThermalOutlook
    {
        public double LastTokensPerSecond { get; private set; }

        public TimeSpan LastDuration { get; private set; }

        public ThermalForecast Forecast(double tokensPerSecond, TimeSpan duration)
        {
            (LastTokensPerSecond, LastDuration) = (tokensPerSecond, duration);
            return new ThermalForecast { SpeedFactor = factor, JunctionC = 96, LimitC = 100, Source = "test sensor" };
        }
    }
}
