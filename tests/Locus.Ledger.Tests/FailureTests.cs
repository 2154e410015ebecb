using Locus.Core.Errors;
using Locus.Ledger.Sqlite;
using Locus.Ledger.Tests.Infrastructure;

namespace Locus.Ledger.Tests;

public sealed class FailureTests
{
    // 64 pages of 4 KiB: room for the schema and many small rows, never for a 1 MB prompt. SQLite then answers
    // SQLITE_FULL ("database or disk is full"), exactly as on a full disk.
    private static readonly LedgerOptions TinyDisk = new() { StorePrompts = true, MaxPageCount = 64 };

    [Fact]
    public async Task AppendAsync_DiskFull_FailsWithClearErrorAndWriterKeepsWorking()
    {
        using var folder = new LedgerFolder();
        await using var ledger = UsageLedger.Open(folder.LedgerPath, TinyDisk);

        var error = await Assert.ThrowsAsync<LocusException>(async () => await ledger.AppendAsync(Huge(cost: 5m)));
        await ledger.AppendAsync(Rows.Make(cost: 1m));

        Assert.Equal(LocusErrorKind.Unavailable, error.Error.Kind);
        Assert.Equal("ledger_write_failed", error.Error.Code);
        Assert.Contains("free space", error.Message, StringComparison.Ordinal);
        Assert.Contains("full", error.InnerException!.Message, StringComparison.OrdinalIgnoreCase);
        var report = await ledger.ReportAsync(new UsageQuery());
        Assert.Equal(1, report.Requests);
        Assert.Equal(1m, ledger.SpentSince("alice", Rows.Noon.AddDays(-1))); // the failed row is not counted
    }

    [Fact]
    public async Task AppendAsync_OneFailingRowInABatch_FailsOnlyThatRow()
    {
        using var folder = new LedgerFolder();
        await using var ledger = UsageLedger.Open(folder.LedgerPath, TinyDisk);

        var small = Enumerable.Range(0, 20).Select(i => ledger.AppendAsync(Rows.Make(model: $"small-{i}")).AsTask()).ToList();
        var huge = ledger.AppendAsync(Huge(cost: 5m)).AsTask();
        small.AddRange(Enumerable.Range(20, 20).Select(i => ledger.AppendAsync(Rows.Make(model: $"small-{i}")).AsTask()));

        await Task.WhenAll(small);
        await Assert.ThrowsAsync<LocusException>(() => huge);
        Assert.Equal(40L, LedgerFile.Scalar(folder.LedgerPath, "SELECT count(*) FROM usage"));
    }

    [Fact]
    public async Task AppendAsync_FileDeletedWhileOpen_StartsANewFileWithTheRow()
    {
        using var folder = new LedgerFolder();
        await using var ledger = UsageLedger.Open(folder.LedgerPath);
        await ledger.AppendAsync(Rows.Make(model: "before"));

        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(folder.LedgerPath + suffix);
        }

        await ledger.AppendAsync(Rows.Make(model: "after"));

        Assert.True(File.Exists(folder.LedgerPath));
        Assert.Equal(["after"], LedgerFile.Column(folder.LedgerPath, "SELECT model FROM usage"));
    }

    [Fact]
    public async Task DisposeAsync_WithRowsStillQueued_WritesThemAll()
    {
        using var folder = new LedgerFolder();
        var ledger = UsageLedger.Open(folder.LedgerPath);
        var pending = Enumerable.Range(0, 300).Select(i => ledger.AppendAsync(Rows.Make(cost: 0.01m)).AsTask()).ToList();

        await ledger.DisposeAsync();

        Assert.All(pending, task => Assert.True(task.IsCompletedSuccessfully));
        Assert.Equal(300L, LedgerFile.Scalar(folder.LedgerPath, "SELECT count(*) FROM usage"));
        Assert.False(File.Exists(folder.LedgerPath + "-wal"), "closing the last connection checkpoints and removes the WAL");
    }

    [Fact]
    public async Task AppendAsync_NotFiniteLatency_ThrowsAndWritesNothing()
    {
        using var folder = new LedgerFolder();
        await using var ledger = UsageLedger.Open(folder.LedgerPath);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await ledger.AppendAsync(Rows.Make() with { LatencyMs = double.NaN }));

        Assert.Equal(0, (await ledger.ReportAsync(new UsageQuery())).Requests);
    }

    [Fact]
    public async Task AppendAsync_AlreadyCancelled_ThrowsAndWritesNothing()
    {
        using var folder = new LedgerFolder();
        await using var ledger = UsageLedger.Open(folder.LedgerPath);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await ledger.AppendAsync(Rows.Make(), new CancellationToken(canceled: true)));

        Assert.Equal(0, (await ledger.ReportAsync(new UsageQuery())).Requests);
    }

    private static UsageRecord Huge(decimal cost) => Rows.Make(cost: cost, prompt: new string('p', 1_000_000));
}
