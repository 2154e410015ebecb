using Locus.Core.Abstractions;
using Locus.Routing.Options;
using Locus.Routing.Policy;
using Locus.Routing.Requests;

namespace Locus.Routing.Tests.Delegation;

/// <summary>When the policy delegates to a peer (a Locus node of the person's mesh), and what it says about it.</summary>
public sealed class PeerPolicyTests
{
    private const string PrivateHard = "Email jane.doe@example.com about it.\n";

    private readonly PeerFixture _fixture = new();

    [Theory]
    [InlineData(Prompts.Simple, false)]
    [InlineData(Prompts.Medium, false)]
    [InlineData(Prompts.Medium, true)]
    [InlineData(PrivateHard, false)]
    public void Decide_PeerTargetButNoRoutingPeers_DecisionUnchanged(string prompt, bool withoutEnsemble)
    {
        var hard = prompt == PrivateHard ? PrivateHard + Prompts.Hard : prompt;
        Func<RoutingOptions, RoutingOptions> routing = r => (withoutEnsemble ? r with { Ensemble = null } : r) with { Privacy = PrivacyAction.Local };
        var plain = new RouterFixture().Build(routing).Explain(RouterFixture.Ask(hard), null, new RequestContext());
        var withPeerTarget = _fixture.Router.Build(routing).Explain(RouterFixture.Ask(hard), null, new RequestContext());

        Assert.Equal(DecisionJson.Write(plain), DecisionJson.Write(withPeerTarget));
    }

    [Fact]
    public void Decide_PrivateTierThreeKeptLocal_DelegatesToPeerNotDegraded()
    {
        var d = _fixture.Decide(PrivateHard + Prompts.Hard, routing: r => r with { Privacy = PrivacyAction.Local });

        Assert.Equal((RouteTier.Cloud, "studio", false), (d.Tier, d.Target, d.Degraded));
        Assert.Contains("policy keeps it on the device) → peer studio, tier 3", PeerFixture.Detail(d, "delegation"), StringComparison.Ordinal);
        Assert.Equal(PrivacyMarking.LocalOnly, d.PeerPrivacy);
        Assert.Equal(["local"], d.Fallbacks.Select(f => f.Target)); // the cloud may not take it
        Assert.False(d.Redact);
    }

    [Fact]
    public void Decide_ClientMayNotUseCloud_HardWorkGoesToPeer()
    {
        _fixture.Router.Config = _fixture.Router.Config with { Clients = [new ClientPolicy { Name = "kid", AllowCloud = false }] };

        var d = _fixture.Decide(Prompts.Hard, new RequestContext("kid"));

        Assert.Equal((RouteTier.Cloud, "studio"), (d.Tier, d.Target));
        Assert.Contains("client 'kid' may not use remote targets", PeerFixture.Detail(d, "delegation"), StringComparison.Ordinal);
        Assert.Equal(PrivacyMarking.LocalOnly, d.PeerPrivacy);
    }

    [Fact]
    public void Decide_OverBudgetWithRefusePolicy_PeerInsteadOfRefusal()
    {
        var router = _fixture.Build(r => r with { OverBudget = OverBudgetAction.Refuse });
        router.Services.Spend.Add("alice", DateTimeOffset.UtcNow, 1m);

        var d = router.Explain(RouterFixture.Ask(Prompts.Hard), null, new RequestContext("alice"));

        Assert.Null(d.Refusal);
        Assert.Equal((RouteTier.Cloud, "studio"), (d.Tier, d.Target));
        Assert.Contains("budget", PeerFixture.Detail(d, "delegation"), StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_CloudsDown_PeerTakesTierThreeWork()
    {
        _fixture.Router.Cloud.Current = new TargetHealthState(false, "circuit open");
        _fixture.Router.Cloud2.Current = new TargetHealthState(false, "circuit open");

        var d = _fixture.Decide(Prompts.Hard);

        Assert.Equal((RouteTier.Cloud, "studio"), (d.Tier, d.Target));
        Assert.Contains("cloud unavailable (circuit open)", PeerFixture.Detail(d, "delegation"), StringComparison.Ordinal);
        Assert.Equal(["local"], d.Fallbacks.Select(f => f.Target));
    }

    [Fact]
    public void Decide_CloudAllowed_TierThreeStillGoesToCloud()
    {
        var d = _fixture.Decide(Prompts.Hard);

        Assert.Equal((RouteTier.Cloud, "cloud"), (d.Tier, d.Target));
        Assert.Empty(PeerFixture.Detail(d, "delegation"));
    }

    [Fact]
    public void Decide_TooBigForLocalContext_PeerWhoseContextFits()
    {
        var d = _fixture.Decide(LongSimple());

        Assert.Equal((RouteTier.Cloud, "studio"), (d.Tier, d.Target));
        Assert.Contains("local cannot take it → peer studio", PeerFixture.Detail(d, "context"), StringComparison.Ordinal);
        Assert.Equal(["cloud"], d.Fallbacks.Select(f => f.Target)); // the local model cannot take it at all
    }

    [Fact]
    public void Decide_TooBigForLocalAndPeer_CloudAndSaysWhyNotThePeer()
    {
        var small = new PeerFixture(peerContext: 1024);

        var d = small.Decide(LongSimple());

        Assert.Equal((RouteTier.Cloud, "cloud"), (d.Tier, d.Target));
        Assert.Contains("no peer can take it: studio's 1,024-token context is too small", PeerFixture.Detail(d, "delegation"), StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_ThermallyTooSlow_PeerBeforeCloud()
    {
        _fixture.Router.Thermal = new HotDevice();

        var d = _fixture.Decide(Prompts.Simple, routing: r => r with { Thermal = new ThermalOptions { MinTokensPerSecond = 15 } });

        Assert.Equal((RouteTier.Cloud, "studio"), (d.Tier, d.Target));
        Assert.Contains("under the 15 tok/s needed → peer studio", PeerFixture.Detail(d, "thermal"), StringComparison.Ordinal);
        Assert.Equal(["cloud", "local"], d.Fallbacks.Select(f => f.Target));
        Assert.Equal(PrivacyMarking.Normal, d.PeerPrivacy);
    }

    [Fact]
    public void Decide_TierTwoWithoutEnsemble_BiggerModelOnPeer()
    {
        var d = _fixture.Decide(Prompts.Medium, routing: r => r with { Ensemble = null });

        Assert.Equal((RouteTier.Ensemble, "studio"), (d.Tier, d.Target));
        Assert.Contains("no local ensemble for tier-2 work", PeerFixture.Detail(d, "tier"), StringComparison.Ordinal);
        Assert.Equal(["local"], d.Fallbacks.Select(f => f.Target));
    }

    [Fact]
    public void Decide_TierTwoWithEnsemble_EnsembleStays()
    {
        var d = _fixture.Decide(Prompts.Medium);

        Assert.Equal((RouteTier.Ensemble, "local+local2"), (d.Tier, d.Target));
    }

    [Fact]
    public void Decide_SimpleCoolRequest_StaysOnFastPath()
    {
        var d = _fixture.Decide(Prompts.Simple);

        Assert.Equal((RouteTier.Local, "local"), (d.Tier, d.Target));
        Assert.DoesNotContain(d.Fallbacks, f => f.Target == "studio");
    }

    [Fact]
    public void Decide_PeerCircuitOpen_SkippedWithReason()
    {
        _fixture.Router.Studio.Current = new TargetHealthState(false, "circuit open");

        var d = _fixture.Decide(Prompts.Medium, routing: r => r with { Ensemble = null });

        Assert.Equal((RouteTier.Local, "local"), (d.Tier, d.Target));
        Assert.Contains("no peer can take it: studio unavailable (circuit open)", PeerFixture.Detail(d, "delegation"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.05, 0.1, 0, "studio reports 5% thermal headroom (hot)")]
    [InlineData(0.8, 0.95, 0, "studio reports 95% load (busy)")]
    [InlineData(0.8, 0.1, 300, "studio last reported 300 s ago")]
    public void Decide_PeerReportsHotBusyOrStale_SkippedWithReason(double headroom, double load, int ageSeconds, string expected)
    {
        _fixture.Outlook.Reports["studio"] = new PeerReport { ThermalHeadroom = headroom, Load = load, SeenAt = DateTimeOffset.UtcNow.AddSeconds(-ageSeconds) };

        var d = _fixture.Decide(Prompts.Medium, routing: r => r with { Ensemble = null });

        Assert.Equal((RouteTier.Local, "local"), (d.Tier, d.Target));
        Assert.Contains(expected, PeerFixture.Detail(d, "delegation"), StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_PeerReportsHeadroom_DelegatesAndShowsIt()
    {
        _fixture.Outlook.Reports["studio"] = new PeerReport { ThermalHeadroom = 0.8, Load = 0.1, SeenAt = DateTimeOffset.UtcNow };

        var d = _fixture.Decide(Prompts.Medium, routing: r => r with { Ensemble = null });

        Assert.Equal("studio", d.Target);
        Assert.Contains("peer studio (80% thermal headroom, 10% load)", PeerFixture.Detail(d, "tier"), StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_FirstPeerDown_SecondPeerTakesIt()
    {
        _fixture.Router.Config = _fixture.Router.Config with { Targets = [.. _fixture.Router.Config.Targets, RouterFixture.PeerTarget("laptop")] };
        _fixture.Router.Studio.Current = new TargetHealthState(false, "circuit open");
        var router = _fixture.Router.Build(r => r with { Ensemble = null, Peers = ["studio", "laptop"] });

        // "laptop" has no scripted client of its own in the fixture; deciding never calls one.
        var d = router.Explain(RouterFixture.Ask(Prompts.Medium), null, new RequestContext());

        Assert.Equal("laptop", d.Target);
        Assert.Contains("passed over studio unavailable (circuit open)", PeerFixture.Detail(d, "tier"), StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_DelegatedRequest_NeverGoesToAPeer()
    {
        _fixture.Router.Thermal = new HotDevice();
        var delegated = new RequestContext(DelegatedBy: "laptop");

        var d = _fixture.Decide(Prompts.Medium, delegated, r => r with { Ensemble = null, Thermal = new ThermalOptions { MinTokensPerSecond = 15 } });

        Assert.NotEqual("studio", d.Target);
        Assert.DoesNotContain(d.Fallbacks, f => f.Target == "studio");
        Assert.Contains("delegated by laptop", PeerFixture.Detail(d, "delegation"), StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_DelegatedRequestPinsAPeer_RefusedAsLoop()
    {
        var d = _fixture.Decide(Prompts.Simple, new RequestContext(RequestedModel: "studio", DelegatedBy: "laptop"));

        Assert.Equal("delegation_loop", d.Refusal?.Code);
    }

    [Fact]
    public void Decide_PeerDecision_JsonNamesThePeerAndItsFallback()
    {
        var d = _fixture.Decide(Prompts.Medium, routing: r => r with { Ensemble = null });

        using var json = System.Text.Json.JsonDocument.Parse(DecisionJson.Write(d));
        Assert.Equal("studio", json.RootElement.GetProperty("target").GetString());
        Assert.Equal("local", json.RootElement.GetProperty("fallbacks")[0].GetProperty("target").GetString());
    }

    private static string LongSimple() => "Summarize this list: " + string.Join(", ", Enumerable.Range(0, 1500).Select(i => $"item {i}"));

    private sealed class HotDevice : IThermalOutlook
    {
        public ThermalForecast Forecast(double tokensPerSecond, TimeSpan duration) =>
            new() { SpeedFactor = 0.5, JunctionC = 96, LimitC = 100, Source = "test sensor" };
    }
}
