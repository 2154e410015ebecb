using Locus.Ledger.Sqlite;
using Locus.Ledger.Tests.Infrastructure;

namespace Locus.Ledger.Tests;

public sealed class ReportTests : IAsyncLifetime
{
    private readonly LedgerFolder _folder = new();
    private IUsageLedger _ledger = null!;

    public Task InitializeAsync()
    {
        _ledger = UsageLedger.Open(_folder.LedgerPath);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _ledger.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task ReportAsync_ManyTinyCosts_TotalEqualsExactSumOfPerRequestCosts()
    {
        // Prices per token have many decimal places; a double or micro-dollar total would drift from the exact sum.
        var random = new Random(42);
        var costs = Enumerable.Range(0, 500).Select(_ => random.Next(1, 1_000_000) * 0.000000000123m).ToList();
        var references = costs.Select(c => (c * 3) + 0.0000001m).ToList();
        for (var i = 0; i < costs.Count; i++)
        {
            await _ledger.AppendAsync(Rows.Make(cost: costs[i], referenceCost: references[i]));
        }

        var report = await _ledger.ReportAsync(new UsageQuery());

        Assert.Equal(costs.Count, report.Requests);
        Assert.Equal(costs.Sum(), report.CostUsd);
        Assert.Equal(references.Sum(), report.ReferenceCostUsd);
        Assert.Equal(references.Sum() - costs.Sum(), report.SavingsUsd);
    }

    [Fact]
    public async Task ReportAsync_TierMix_SharesAndGroupTotalsMatchRows()
    {
        await AppendAsync(3, tier: 1, target: "local-fast", cost: 0m);
        await AppendAsync(1, tier: 2, target: "local-ensemble", cost: 0m);
        await AppendAsync(2, tier: 3, target: "openai", cost: 0.02m);
        await AppendAsync(2, tier: 0, target: "", cost: 0m, outcome: "refused:budget_exceeded");

        var report = await _ledger.ReportAsync(new UsageQuery());

        Assert.Equal(["0", "1", "2", "3"], report.ByTier.Select(g => g.Key));
        Assert.Equal([2L, 3L, 1L, 2L], report.ByTier.Select(g => g.Requests));
        Assert.Equal(0.375, report.ByTier[1].Share, precision: 12);
        Assert.Equal(1.0, report.ByTier.Sum(g => g.Share), precision: 12);
        Assert.Equal(0.04m, report.ByTier[3].CostUsd);
        Assert.Equal(30L, report.ByTier[1].InputTokens);
        Assert.Equal(2, report.Refused);
        Assert.Equal(0, report.Errors);

        // Targets: most requests first, and rows refused before routing have no target to show.
        Assert.Equal(["local-fast", "openai", "local-ensemble"], report.ByTarget.Select(g => g.Key));
    }

    [Fact]
    public async Task ReportAsync_Savings_AreReferenceMinusActualCost()
    {
        await _ledger.AppendAsync(Rows.Make(tier: 1, cost: 0m, referenceCost: 0.0125m));
        await _ledger.AppendAsync(Rows.Make(tier: 3, target: "openai", cost: 0.01m, referenceCost: 0.01m));
        await _ledger.AppendAsync(Rows.Make(tier: 2, cost: 0m, referenceCost: 0.003m, outcome: "error:upstream_failed"));

        var report = await _ledger.ReportAsync(new UsageQuery());

        Assert.Equal(0.0255m, report.ReferenceCostUsd);
        Assert.Equal(0.01m, report.CostUsd);
        Assert.Equal(0.0155m, report.SavingsUsd);
        Assert.Equal(1, report.Errors);
    }

    [Fact]
    public async Task ReportAsync_ClientFilter_CountsOnlyThatClient()
    {
        await _ledger.AppendAsync(Rows.Make(client: "alice", cost: 1m));
        await _ledger.AppendAsync(Rows.Make(client: "alice", cost: 2m));
        await _ledger.AppendAsync(Rows.Make(client: "bob", cost: 4m));

        var alice = await _ledger.ReportAsync(new UsageQuery(Client: "alice"));
        var everyone = await _ledger.ReportAsync(new UsageQuery());

        Assert.Equal(2, alice.Requests);
        Assert.Equal(3m, alice.CostUsd);
        Assert.Equal(["alice"], alice.ByClient.Select(g => g.Key));
        Assert.Equal(["alice", "bob"], everyone.ByClient.Select(g => g.Key));
        Assert.Equal(4m, everyone.ByClient[1].CostUsd);
    }

    [Fact]
    public async Task ReportAsync_TimeRange_IncludesFromExcludesTo()
    {
        var start = Rows.Noon;
        for (var hour = 0; hour < 5; hour++)
        {
            await _ledger.AppendAsync(Rows.Make(time: start.AddHours(hour), cost: 1m + hour));
        }

        var middle = await _ledger.ReportAsync(new UsageQuery(From: start.AddHours(1), To: start.AddHours(3)));
        var open = await _ledger.ReportAsync(new UsageQuery(From: start.AddHours(3)));
        var none = await _ledger.ReportAsync(new UsageQuery(To: start));

        Assert.Equal(2, middle.Requests);
        Assert.Equal(2m + 3m, middle.CostUsd);
        Assert.Equal(start.AddHours(1), middle.From);
        Assert.Equal(4m + 5m, open.CostUsd);
        Assert.Equal(0, none.Requests);
        Assert.Equal(0m, none.CostUsd);
        Assert.Empty(none.ByTier);
    }

    [Fact]
    public async Task RecentAsync_AfterAppends_ReturnsNewestFirstWithEveryField()
    {
        var detailed = new UsageRecord
        {
            Time = Rows.Noon.ToOffset(TimeSpan.FromHours(2)).AddTicks(1230),
            Client = "carol",
            Tier = 3,
            Target = "anthropic",
            Model = "claude",
            InputTokens = 1234,
            OutputTokens = 56,
            CachedInputTokens = 1000,
            LatencyMs = 812.5,
            TimeToFirstTokenMs = 95.25,
            CostUsd = 0.0012345678901m,
            ReferenceCostUsd = 0.002m,
            EnergyJoules = 3.5,
            Reasons = ["needs \"tools\"", "local overloaded"],
            Outcome = "ok",
            Degraded = true,
        };
        await _ledger.AppendAsync(Rows.Make(model: "older"));
        await _ledger.AppendAsync(detailed);

        var recent = await _ledger.RecentAsync(10);

        Assert.Equal(2, recent.Count);
        Assert.Equal("older", recent[1].Model);
        var read = recent[0];
        Assert.Equal(detailed.Time, read.Time); // the same instant, to the microsecond
        Assert.Equal(TimeSpan.Zero, read.Time.Offset);
        Assert.Equal(detailed.Reasons, read.Reasons);
        Assert.Equal(detailed with { Time = read.Time, Reasons = read.Reasons }, read);
    }

    [Fact]
    public async Task RecentAsync_Limit_ReturnsOnlyTheNewest()
    {
        for (var i = 0; i < 5; i++)
        {
            await _ledger.AppendAsync(Rows.Make(model: $"m{i}"));
        }

        var recent = await _ledger.RecentAsync(2);

        Assert.Equal(["m4", "m3"], recent.Select(r => r.Model));
    }

    private async Task AppendAsync(int count, int tier, string target, decimal cost, string outcome = "ok")
    {
        for (var i = 0; i < count; i++)
        {
            await _ledger.AppendAsync(Rows.Make(tier: tier, target: target, cost: cost, outcome: outcome));
        }
    }
}
