using Microsoft.Data.Sqlite;

namespace Locus.Ledger.Storage;

/// <summary>The writer's open file: its connection and prepared statements, and one transaction per batch.</summary>
internal sealed class WriteSession : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly UsageRowInserter _rows;
    private readonly DailySpendUpdater _daily;

    /// <summary>Takes ownership of <paramref name="connection"/>, which has the current schema.</summary>
    public WriteSession(SqliteConnection connection, LedgerOptions options)
    {
        _connection = connection;
        _rows = new UsageRowInserter(connection, options.StorePrompts);
        _daily = new DailySpendUpdater(connection);
    }

    /// <summary>Opens (creating folders, file and schema as needed) the file at <paramref name="path"/> for writing.</summary>
    public static WriteSession Open(string path, LedgerOptions options)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var connection = LedgerConnections.OpenWriter(path, options);
        try
        {
            LedgerSchema.Ensure(connection, path);
            return new WriteSession(connection, options);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Inserts <paramref name="records"/> and their daily spend in one transaction; all or nothing.</summary>
    public void Commit(IReadOnlyList<UsageRecord> records)
    {
        // BEGIN IMMEDIATE: take the write lock up front rather than fail mid-batch on a lock upgrade.
        using var transaction = _connection.BeginTransaction(deferred: false);
        foreach (var record in records)
        {
            _rows.Insert(record);
        }

        _daily.Add(records, transaction);
        transaction.Commit();
    }

    /// <summary>For the open: the connection the schema and spend were read through.</summary>
    public SqliteConnection Connection => _connection;

    public void Dispose()
    {
        _rows.Dispose();
        _daily.Dispose();
        _connection.Dispose();
    }
}
