using Locus.Ledger.Sqlite;
using Locus.Ledger.Storage;
using Locus.Ledger.Tests.Infrastructure;

namespace Locus.Ledger.Tests;

public sealed class MaxTokensClampTests
{
    [Fact]
    public async Task AppendAsync_ClampedRow_ReadsBackAskedAndGranted()
    {
        using var folder = new LedgerFolder();
        await using var ledger = UsageLedger.Open(folder.LedgerPath);

        await ledger.AppendAsync(Rows.Make() with { MaxTokensAsked = 64_000, MaxTokensGranted = 448 });
        await ledger.AppendAsync(Rows.Make());

        var recent = await ledger.RecentAsync(2);
        Assert.Null(recent[0].MaxTokensAsked);
        Assert.Null(recent[0].MaxTokensGranted);
        Assert.Equal(64_000, recent[1].MaxTokensAsked);
        Assert.Equal(448, recent[1].MaxTokensGranted);
    }

    [Fact]
    public async Task ReportAsync_SomeRowsClamped_CountsThem()
    {
        using var folder = new LedgerFolder();
        await using var ledger = UsageLedger.Open(folder.LedgerPath);

        await ledger.AppendAsync(Rows.Make() with { MaxTokensAsked = 4_096, MaxTokensGranted = 100 });
        await ledger.AppendAsync(Rows.Make());
        await ledger.AppendAsync(Rows.Make() with { MaxTokensAsked = 8_192, MaxTokensGranted = 200 });

        var report = await ledger.ReportAsync(new UsageQuery());

        Assert.Equal(3, report.Requests);
        Assert.Equal(2, report.MaxTokensClamped);
    }

    [Fact]
    public async Task Open_VersionOneFile_AddsClampColumnsAndKeepsRows()
    {
        using var folder = new LedgerFolder();
        await using (var ledger = UsageLedger.Open(folder.LedgerPath))
        {
            await ledger.AppendAsync(Rows.Make(cost: 0.5m));
        }

        // What a Locus before the clamp columns left behind: version 1, without them.
        LedgerFile.Scalar(folder.LedgerPath, "ALTER TABLE usage DROP COLUMN max_tokens_asked");
        LedgerFile.Scalar(folder.LedgerPath, "ALTER TABLE usage DROP COLUMN max_tokens_granted");
        LedgerFile.Scalar(folder.LedgerPath, "PRAGMA user_version = 1");

        await using (var ledger = UsageLedger.Open(folder.LedgerPath))
        {
            await ledger.AppendAsync(Rows.Make(cost: 0.25m) with { MaxTokensAsked = 1_000, MaxTokensGranted = 10 });
            var recent = await ledger.RecentAsync(2);
            Assert.Equal(10, recent[0].MaxTokensGranted);
            Assert.Null(recent[1].MaxTokensGranted);
            Assert.Equal(0.75m, (await ledger.ReportAsync(new UsageQuery())).CostUsd);
        }

        Assert.Equal((long)LedgerSchema.CurrentVersion, LedgerFile.Scalar(folder.LedgerPath, "PRAGMA user_version"));
        Assert.Contains("max_tokens_granted", LedgerFile.Column(folder.LedgerPath, "SELECT name FROM pragma_table_info('usage')"));
    }
}
