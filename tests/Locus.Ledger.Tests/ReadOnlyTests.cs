using Locus.Core.Errors;
using Locus.Ledger.Sqlite;
using Locus.Ledger.Tests.Infrastructure;

namespace Locus.Ledger.Tests;

public sealed class ReadOnlyTests
{
    [Fact]
    public async Task OpenReadOnly_WhileWriterIsOpen_SeesRowsCommittedAfterItOpened()
    {
        using var folder = new LedgerFolder();
        await using var writer = UsageLedger.Open(folder.LedgerPath);
        await writer.AppendAsync(Rows.Make(cost: 1m));
        await using var reader = UsageLedger.OpenReadOnly(folder.LedgerPath);

        Assert.Equal(1, (await reader.ReportAsync(new UsageQuery())).Requests);
        await writer.AppendAsync(Rows.Make(cost: 2m, client: "bob"));
        var report = await reader.ReportAsync(new UsageQuery());

        Assert.Equal(2, report.Requests);
        Assert.Equal(3m, report.CostUsd);
        Assert.Equal(2m, reader.SpentSince("bob", Rows.Noon.AddDays(-1)));
        Assert.Equal("bob", (await reader.RecentAsync(1))[0].Client);
    }

    [Fact]
    public async Task OpenReadOnly_WhileReaderHoldsASnapshot_WriterStillCommits()
    {
        using var folder = new LedgerFolder();
        await using var writer = UsageLedger.Open(folder.LedgerPath);
        await writer.AppendAsync(Rows.Make());

        // A second connection in the middle of a read transaction: WAL lets the writer commit regardless.
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={folder.LedgerPath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var transaction = connection.BeginTransaction(deferred: true);
        using var count = connection.CreateCommand();
        count.Transaction = transaction;
        count.CommandText = "SELECT count(*) FROM usage";
        Assert.Equal(1L, count.ExecuteScalar());

        await writer.AppendAsync(Rows.Make()).AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1L, count.ExecuteScalar()); // the reader's snapshot is stable
        await using var reader = UsageLedger.OpenReadOnly(folder.LedgerPath);
        Assert.Equal(2, (await reader.ReportAsync(new UsageQuery())).Requests);
    }

    [Fact]
    public async Task OpenReadOnly_AfterWriterClosed_ReadsEverything()
    {
        using var folder = new LedgerFolder();
        await using (var writer = UsageLedger.Open(folder.LedgerPath))
        {
            await writer.AppendAsync(Rows.Make(cost: 0.5m));
            await writer.AppendAsync(Rows.Make(cost: 0.25m, tier: 3, target: "openai"));
        }

        await using var reader = UsageLedger.OpenReadOnly(folder.LedgerPath);
        var report = await reader.ReportAsync(new UsageQuery());

        Assert.Equal(0.75m, report.CostUsd);
        Assert.Equal(["local-fast", "openai"], report.ByTarget.Select(g => g.Key).Order());
    }

    [Fact]
    public async Task AppendAsync_ReadOnlyLedger_Throws()
    {
        using var folder = new LedgerFolder();
        await using (UsageLedger.Open(folder.LedgerPath))
        {
        }

        await using var reader = UsageLedger.OpenReadOnly(folder.LedgerPath);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await reader.AppendAsync(Rows.Make()));
    }

    [Fact]
    public void OpenReadOnly_MissingFile_SaysWhereItLookedWithoutCreatingIt()
    {
        using var folder = new LedgerFolder();

        var error = Assert.Throws<LocusException>(() => UsageLedger.OpenReadOnly(folder.LedgerPath));

        Assert.Contains(folder.LedgerPath, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.LedgerPath));
    }
}
