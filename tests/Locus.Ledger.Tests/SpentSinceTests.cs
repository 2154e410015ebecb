using Locus.Ledger.Sqlite;
using Locus.Ledger.Tests.Infrastructure;

namespace Locus.Ledger.Tests;

public sealed class SpentSinceTests
{
    private static readonly DateTimeOffset March14 = new(2025, 3, 14, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SpentSince_DayAndMonthStarts_SumOnlyThatClientsRowsFromThen()
    {
        using var folder = new LedgerFolder();
        await using var ledger = UsageLedger.Open(folder.LedgerPath, time: new ManualTime(March14.AddHours(12)));

        await ledger.AppendAsync(Rows.Make(time: March14.AddDays(-14), cost: 16m)); // 28 Feb
        await ledger.AppendAsync(Rows.Make(time: March14.AddDays(-13).AddHours(10), cost: 1m)); // 1 Mar
        await ledger.AppendAsync(Rows.Make(time: March14.AddTicks(-10), cost: 2m)); // last microsecond of 13 Mar
        await ledger.AppendAsync(Rows.Make(time: March14, cost: 4m));
        await ledger.AppendAsync(Rows.Make(time: March14.AddHours(11), cost: 8m));
        await ledger.AppendAsync(Rows.Make(time: March14.AddHours(11), client: "bob", cost: 32m));

        Assert.Equal(12m, ledger.SpentSince("alice", March14));
        Assert.Equal(15m, ledger.SpentSince("alice", new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(31m, ledger.SpentSince("alice", new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(32m, ledger.SpentSince("bob", March14));
        Assert.Equal(0m, ledger.SpentSince("nobody", March14));
    }

    [Fact]
    public async Task SpentSince_RightAfterEachAppend_IncludesThatRow()
    {
        using var folder = new LedgerFolder();
        await using var ledger = UsageLedger.Open(folder.LedgerPath, time: new ManualTime(March14.AddHours(12)));

        var expected = 0m;
        for (var i = 1; i <= 20; i++)
        {
            await ledger.AppendAsync(Rows.Make(time: March14.AddHours(12), cost: 0.001m * i));
            expected += 0.001m * i;
            Assert.Equal(expected, ledger.SpentSince("alice", March14));
        }
    }

    [Fact]
    public async Task SpentSince_AfterRestart_IncludesEarlierRuns()
    {
        using var folder = new LedgerFolder();
        var clock = new ManualTime(March14.AddHours(12));
        await using (var first = UsageLedger.Open(folder.LedgerPath, time: clock))
        {
            await first.AppendAsync(Rows.Make(time: March14.AddHours(1), cost: 1.5m));
            await first.AppendAsync(Rows.Make(time: March14.AddDays(-3), cost: 2.25m));
        }

        await using var second = UsageLedger.Open(folder.LedgerPath, time: clock);
        await second.AppendAsync(Rows.Make(time: March14.AddHours(2), cost: 0.125m));

        Assert.Equal(1.625m, second.SpentSince("alice", March14));
        Assert.Equal(3.875m, second.SpentSince("alice", March14.AddDays(-7)));
        Assert.Equal(0.125m, second.SpentSince("alice", March14.AddHours(1.5))); // mid-day, in memory
        Assert.Equal(3.875m, second.SpentSince("alice", March14.AddDays(-3).AddTicks(-10))); // mid-day, 3 days ago: SQL
    }

    [Fact]
    public async Task SpentSince_ClockCrossesMidnight_NewDayStartsEmptyAndRollingWindowSpansBoth()
    {
        using var folder = new LedgerFolder();
        var clock = new ManualTime(March14.AddDays(1).AddSeconds(-30)); // 23:59:30
        await using var ledger = UsageLedger.Open(folder.LedgerPath, time: clock);

        await ledger.AppendAsync(Rows.Make(time: clock.GetUtcNow().AddSeconds(-30), cost: 1m));
        Assert.Equal(1m, ledger.SpentSince("alice", March14));

        clock.Advance(TimeSpan.FromMinutes(1)); // 00:00:30 on 15 March
        var march15 = March14.AddDays(1);
        Assert.Equal(0m, ledger.SpentSince("alice", march15));

        await ledger.AppendAsync(Rows.Make(time: march15.AddSeconds(10), cost: 2m));
        Assert.Equal(2m, ledger.SpentSince("alice", march15));
        Assert.Equal(3m, ledger.SpentSince("alice", clock.GetUtcNow().AddHours(-24)));
        Assert.Equal(2m, ledger.SpentSince("alice", clock.GetUtcNow().AddMinutes(-1).AddSeconds(1)));

        // Three days on, 14 March has left the in-memory recent rows: a mid-day start there is answered from the file.
        clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(3m, ledger.SpentSince("alice", march15.AddSeconds(-60)));
        Assert.Equal(2m, ledger.SpentSince("alice", march15.AddSeconds(-29)));
        Assert.Equal(3m, ledger.SpentSince("alice", March14));
    }

    [Fact]
    public async Task SpentSince_RandomRowsAndStarts_MatchesSumOverRows()
    {
        var random = new Random(7);
        var clock = new ManualTime(March14.AddHours(9));
        var rows = Enumerable.Range(0, 300)
            .Select(_ => Rows.Make(
                time: March14.AddDays(-4).AddTicks(random.NextInt64(TimeSpan.TicksPerDay * 5) / 10 * 10),
                client: random.Next(3) == 0 ? "bob" : "alice",
                cost: random.Next(0, 100_000) * 0.0000001m))
            .ToList();
        using var folder = new LedgerFolder();
        var starts = Enumerable.Range(0, 60)
            .Select(i => i % 3 == 0
                ? March14.AddDays(-random.Next(0, 6)) // day-aligned
                : March14.AddDays(-5).AddTicks(random.NextInt64(TimeSpan.TicksPerDay * 6) / 10 * 10))
            .ToList();

        await using (var ledger = UsageLedger.Open(folder.LedgerPath, time: clock))
        {
            await Task.WhenAll(rows.Select(r => ledger.AppendAsync(r).AsTask()));
            AssertMatches(ledger, rows, starts);
        }

        clock.Advance(TimeSpan.FromDays(1)); // a new run on a later day: the in-memory split moves
        await using var reopened = UsageLedger.Open(folder.LedgerPath, time: clock);
        AssertMatches(reopened, rows, starts);
        await using var readOnly = UsageLedger.OpenReadOnly(folder.LedgerPath);
        AssertMatches(readOnly, rows, starts);
    }

    private static void AssertMatches(IUsageLedger ledger, List<UsageRecord> rows, List<DateTimeOffset> starts)
    {
        foreach (var client in new[] { "alice", "bob" })
        {
            foreach (var since in starts)
            {
                var expected = rows.Where(r => r.Client == client && r.Time >= since).Sum(r => r.CostUsd);
                Assert.Equal(expected, ledger.SpentSince(client, since));
            }
        }
    }
}
