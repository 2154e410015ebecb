using Locus.Core.Errors;
using Locus.Ledger.Sqlite;
using Locus.Ledger.Storage;
using Locus.Ledger.Tests.Infrastructure;

namespace Locus.Ledger.Tests;

public sealed class SchemaTests
{
    [Fact]
    public async Task Open_NewPathInMissingFolder_CreatesFileWithCurrentSchema()
    {
        using var folder = new LedgerFolder();
        await using (UsageLedger.Open(folder.LedgerPath))
        {
        }

        Assert.True(File.Exists(folder.LedgerPath));
        Assert.Equal((long)LedgerSchema.CurrentVersion, LedgerFile.Scalar(folder.LedgerPath, "PRAGMA user_version"));
        var columns = LedgerFile.Column(folder.LedgerPath, "SELECT name FROM pragma_table_info('usage')");
        Assert.Contains("cost_usd", columns);
        Assert.Contains("prompt", columns);
        var indexes = LedgerFile.Column(folder.LedgerPath, "SELECT name FROM pragma_index_list('usage')");
        Assert.Contains("usage_by_client_time", indexes);
    }

    [Fact]
    public async Task Open_Always_UsesWriteAheadLog()
    {
        using var folder = new LedgerFolder();
        await using var ledger = UsageLedger.Open(folder.LedgerPath);
        await ledger.AppendAsync(Rows.Make());

        Assert.Equal("wal", LedgerFile.Scalar(folder.LedgerPath, "PRAGMA journal_mode"));
        Assert.True(File.Exists(folder.LedgerPath + "-wal"), "an open WAL-mode database keeps its -wal file");
    }

    [Theory]
    [InlineData(false, 1L)] // NORMAL: a commit reaches the OS, which survives a killed process
    [InlineData(true, 2L)] // FULL: fsync per commit, which survives power loss
    public void OpenWriter_FullSyncOption_SetsSynchronousMode(bool fullSync, long expected)
    {
        using var folder = new LedgerFolder();
        Directory.CreateDirectory(Path.GetDirectoryName(folder.LedgerPath)!);
        using var connection = LedgerConnections.OpenWriter(folder.LedgerPath, new LedgerOptions { FullSync = fullSync });

        Assert.Equal(expected, LedgerConnections.Scalar(connection, "PRAGMA synchronous"));
    }

    [Fact]
    public async Task AppendAsync_FullSync_RowsAreStored()
    {
        using var folder = new LedgerFolder();
        await using var ledger = UsageLedger.Open(folder.LedgerPath, new LedgerOptions { FullSync = true });

        await ledger.AppendAsync(Rows.Make(cost: 0.5m));
        await ledger.AppendAsync(Rows.Make(cost: 0.25m));

        Assert.Equal(0.75m, (await ledger.ReportAsync(new UsageQuery())).CostUsd);
    }

    [Fact]
    public void Open_FileFromNewerLocus_FailsWithUpgradeAdvice()
    {
        using var folder = new LedgerFolder();
        Directory.CreateDirectory(Path.GetDirectoryName(folder.LedgerPath)!);
        LedgerFile.Scalar(folder.LedgerPath, $"PRAGMA user_version = {LedgerSchema.CurrentVersion + 1}");

        var error = Assert.Throws<LocusException>(() => UsageLedger.Open(folder.LedgerPath));

        Assert.Equal(LocusErrorKind.Unavailable, error.Error.Kind);
        Assert.Contains("Upgrade Locus", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_FileThatIsNotSqlite_FailsNamingThePath()
    {
        using var folder = new LedgerFolder();
        Directory.CreateDirectory(Path.GetDirectoryName(folder.LedgerPath)!);
        File.WriteAllText(folder.LedgerPath, new string('x', 4096));

        var error = Assert.Throws<LocusException>(() => UsageLedger.Open(folder.LedgerPath));

        Assert.Equal("ledger_unavailable", error.Error.Code);
        Assert.Contains(folder.LedgerPath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_AfterDispose_KeepsRowsAndAppendsMore()
    {
        using var folder = new LedgerFolder();
        await using (var first = UsageLedger.Open(folder.LedgerPath))
        {
            await first.AppendAsync(Rows.Make(cost: 1.25m));
        }

        await using var second = UsageLedger.Open(folder.LedgerPath);
        await second.AppendAsync(Rows.Make(cost: 2.5m));
        var report = await second.ReportAsync(new UsageQuery());

        Assert.Equal(2, report.Requests);
        Assert.Equal(3.75m, report.CostUsd);
    }

    [Fact]
    public async Task AppendAsync_AfterDispose_ThrowsObjectDisposed()
    {
        using var folder = new LedgerFolder();
        var ledger = UsageLedger.Open(folder.LedgerPath);
        await ledger.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await ledger.AppendAsync(Rows.Make()));
    }
}
