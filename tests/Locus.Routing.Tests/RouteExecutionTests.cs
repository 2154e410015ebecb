using Locus.Core.Errors;
using Locus.Ledger;
using Locus.Routing.Options;
using Locus.Routing.Policy;
using Locus.Routing.Requests;
using Locus.Routing.Runtime;
using Locus.Routing.Signals;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Tests;

public sealed class RouteExecutionTests : IAsyncLifetime
{
    private readonly RouterFixture _fixture = new();

    public Task InitializeAsync() => _fixture.OpenLedgerAsync();

    public Task DisposeAsync() => _fixture.CloseLedgerAsync();

    [Fact]
    public async Task Run_CloudFailsBeforeAnswer_FallsBackToLocalMarkedDegraded()
    {
        _fixture.Cloud.FailBeforeFirst = new LocusException(new LocusError(LocusErrorKind.UpstreamFailed, "boom"));
        _fixture.Cloud2.FailBeforeFirst = new LocusException(new LocusError(LocusErrorKind.Unavailable, "down"));
        var options = new ChatOptions();
        var call = _fixture.Build().Route(new RequestContext());
        var response = await call.GetResponseAsync(RouterFixture.Ask(Prompts.Hard), options);
        Assert.StartsWith("ok: ", response.Text, StringComparison.Ordinal);
        Assert.Equal((RouteTier.Local, "local", true), (call.Result!.Tier, call.Result!.Target, call.Result!.Degraded));
        Assert.Equal(2, call.Result!.Reasons.Count(r => r.Signal == "fallback"));
    }

    [Fact]
    public async Task Stream_CloudFailsBeforeFirstToken_FallsBack()
    {
        _fixture.Cloud.FailBeforeFirst = new HttpRequestException("refused");
        var options = new ChatOptions();
        var call = _fixture.Build().Route(new RequestContext());
        var text = string.Concat(await call.GetStreamingResponseAsync(RouterFixture.Ask(Prompts.Hard), options).Select(u => u.Text).ToListAsync());
        Assert.StartsWith("cloud2: ", text, StringComparison.Ordinal);
        Assert.Equal("cloud2", call.Result!.Target);
    }

    [Fact]
    public async Task Stream_CloudDropsMidStream_ClientGetsError()
    {
        _fixture.Cloud.FailAfterFirst = new LocusException(new LocusError(LocusErrorKind.UpstreamFailed, "stream cut"));
        var options = new ChatOptions();
        var call = _fixture.Build().Route(new RequestContext());
        var ex = await Assert.ThrowsAsync<LocusException>(async () =>
        {
            await foreach (var _ in call.GetStreamingResponseAsync(RouterFixture.Ask(Prompts.Hard), options))
            {
            }
        });
        Assert.Equal(LocusErrorKind.UpstreamFailed, ex.Error.Kind);
        var rows = await _fixture.Ledger!.RecentAsync(10);
        Assert.Equal("error:UpstreamFailed", Assert.Single(rows).Outcome);
    }

    [Fact]
    public async Task Run_CloudDropsMidStreamNonStreaming_FallsBack()
    {
        _fixture.Cloud.FailAfterFirst = new LocusException(new LocusError(LocusErrorKind.UpstreamFailed, "stream cut"));
        var options = new ChatOptions();
        var call = _fixture.Build().Route(new RequestContext());
        var response = await call.GetResponseAsync(RouterFixture.Ask(Prompts.Hard), options);
        Assert.StartsWith("cloud2: ", response.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("cloud: ", response.Text, StringComparison.Ordinal);
        Assert.Equal("cloud2", call.Result!.Target);
    }

    [Fact]
    public async Task Run_InvalidRequestFromCloud_IsNotRetriedElsewhere()
    {
        _fixture.Cloud.FailBeforeFirst = new LocusException(LocusError.Invalid("bad temperature"));
        var options = new ChatOptions();
        var call = _fixture.Build().Route(new RequestContext());
        await Assert.ThrowsAsync<LocusException>(() => call.GetResponseAsync(RouterFixture.Ask(Prompts.Hard), options));
        Assert.Empty(_fixture.Cloud2.Calls);
        Assert.Empty(_fixture.Local.Calls);
    }

    [Fact]
    public async Task Run_EnsembleAgrees_AnswersLocally()
    {
        _fixture.Local.Reply = _fixture.Local2.Reply = (_, _) => "Rayleigh scattering makes short blue wavelengths scatter the most in air.";
        var options = new ChatOptions();
        var call = _fixture.Build().Route(new RequestContext());
        var response = await call.GetResponseAsync(RouterFixture.Ask(Prompts.Medium), options);
        Assert.Equal(RouteTier.Ensemble, call.Result!.Tier);
        Assert.Contains(call.Result!.Reasons, r => r.Signal == "ensemble" && r.Detail.Contains("agreed", StringComparison.Ordinal));
        Assert.Empty(_fixture.Cloud.Calls);
        Assert.Contains("Rayleigh", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_EnsembleDisagrees_EscalatesToCloud()
    {
        _fixture.Local.Reply = (_, _) => "The sky is blue because of the ocean reflecting upward light everywhere.";
        _fixture.Local2.Reply = (_, _) => "Dust particles absorb red frequencies during midday hours mostly.";
        var options = new ChatOptions();
        var call = _fixture.Build().Route(new RequestContext());
        var response = await call.GetResponseAsync(RouterFixture.Ask(Prompts.Medium), options);
        Assert.Equal((RouteTier.Cloud, "cloud"), (call.Result!.Tier, call.Result!.Target));
        Assert.StartsWith("cloud: ", response.Text, StringComparison.Ordinal);
        Assert.Contains(call.Result!.Reasons, r => r.Signal == "ensemble" && r.Detail.Contains("disagreed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_SecretsRedactedForCloud_RestoredForClient()
    {
        const string email = "jane.doe@example.com";
        const string card = "4111 1111 1111 1111";
        var prompt = Prompts.Hard + $"\nContact {email}, card {card}.";
        var options = new ChatOptions();
        var call = _fixture.Build().Route(new RequestContext());
        var response = await call.GetResponseAsync(RouterFixture.Ask(prompt), options);
        var sent = RoutingInput.TextOf(Assert.Single(_fixture.Cloud.Calls)[0]);
        Assert.DoesNotContain(email, sent, StringComparison.Ordinal);
        Assert.DoesNotContain(card, sent, StringComparison.Ordinal);
        Assert.Contains(email, response.Text, StringComparison.Ordinal);
        Assert.Contains(card, response.Text, StringComparison.Ordinal);
        Assert.Equal(2, call.Result!.Redactions);
    }

    [Fact]
    public async Task Stream_SecretsRedacted_RestoredAcrossChunks()
    {
        const string key = "AKIAIOSFODNN7EXAMPLQ";
        var options = new ChatOptions();
        var call = _fixture.Build().Route(new RequestContext());
        var updates = await call.GetStreamingResponseAsync(RouterFixture.Ask(Prompts.Hard + "\naws " + key), options).ToListAsync();
        Assert.Contains(key, string.Concat(updates.Select(u => u.Text)), StringComparison.Ordinal);
        Assert.DoesNotContain(key, RoutingInput.TextOf(_fixture.Cloud.Calls[0][0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BudgetCrossedMidRun_LaterRequestsFollowPolicy()
    {
        // alice has $0.01/day; each cloud answer costs (10 in × $3 + n out × $15) / 1M, a few hundred thousandths.
        var router = _fixture.Build();
        var tiers = new List<RouteTier>();
        for (var i = 0; i < 60; i++)
        {
            var call = router.Route(new RequestContext("alice"));
            await call.GetResponseAsync(RouterFixture.Ask(Prompts.Hard));
            tiers.Add(call.Result!.Tier);
        }

        var firstLocal = tiers.IndexOf(RouteTier.Ensemble);
        Assert.True(firstLocal > 0, string.Join(",", tiers));
        Assert.All(tiers.Take(firstLocal), t => Assert.Equal(RouteTier.Cloud, t));
        Assert.All(tiers.Skip(firstLocal), t => Assert.Equal(RouteTier.Ensemble, t));

        var rows = await _fixture.Ledger!.RecentAsync(1000);
        var report = await _fixture.Ledger.ReportAsync(new UsageQuery(Client: "alice"));
        Assert.Equal(rows.Sum(r => r.CostUsd), report.CostUsd);
        Assert.True(report.CostUsd >= 0.01m);
        Assert.True(report.CostUsd - rows.Where(r => r.Tier == 3).Max(r => r.CostUsd) < 0.01m, "stopped right after crossing");
    }

    [Fact]
    public async Task Run_BudgetRefusePolicy_RefusesCloudWork()
    {
        _fixture.Config = _fixture.Config with { Clients = [new ClientPolicy { Name = "bob", DailyBudgetUsd = 0m, OverBudget = OverBudgetAction.Refuse }] };
        var options = new ChatOptions();
        var call = _fixture.Build().Route(new RequestContext("bob"));
        var ex = await Assert.ThrowsAsync<LocusException>(() => call.GetResponseAsync(RouterFixture.Ask(Prompts.Hard), options));
        Assert.Equal("budget_exceeded", ex.Error.Code);
        Assert.Equal(RouteTier.None, call.Result!.Tier);
        Assert.Equal("refused:budget_exceeded", Assert.Single(await _fixture.Ledger!.RecentAsync(5)).Outcome);
    }

    [Fact]
    public async Task Run_Succeeds_LedgerRowHasTierTargetTokensAndReasons()
    {
        var options = new ChatOptions();
        var call = _fixture.Build().Route(new RequestContext());
        await call.GetResponseAsync(RouterFixture.Ask(Prompts.Hard), options);
        var row = Assert.Single(await _fixture.Ledger!.RecentAsync(5));
        Assert.Equal((3, "cloud", "ok"), (row.Tier, row.Target, row.Outcome));
        Assert.Equal(10, row.InputTokens);
        Assert.True(row.CostUsd > 0 && row.CostUsd == row.ReferenceCostUsd);
        Assert.Contains(row.Reasons, r => r.StartsWith("complexity:", StringComparison.Ordinal));
        Assert.Null(row.Prompt);
    }

    [Fact]
    public async Task Run_TargetsReceiveTheirOwnModelAndNoRoutingState()
    {
        var options = new ChatOptions();
        options.ModelId = "auto";
        var call = _fixture.Build().Route(new RequestContext(RequestedModel: "auto"));
        await call.GetResponseAsync(RouterFixture.Ask(Prompts.Simple), options);
        var sent = Assert.Single(_fixture.Local.Options);
        Assert.Null(sent?.ModelId);
        // The caller sent no additional properties; routing added none on the way to the target.
        Assert.Null(sent?.AdditionalProperties);
    }
}
