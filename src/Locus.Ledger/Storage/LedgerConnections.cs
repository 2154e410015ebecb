using Microsoft.Data.Sqlite;

namespace Locus.Ledger.Storage;

/// <summary>Opens connections to a ledger file with the settings every connection needs.</summary>
internal static class LedgerConnections
{
    // How long a statement waits for another connection's lock (a second writer, a checkpoint) before failing.
    private const int BusyTimeoutMs = 5000;

    /// <summary>The single writing connection: WAL journal, and fsync per commit only when asked for.</summary>
    public static SqliteConnection OpenWriter(string path, LedgerOptions options)
    {
        var connection = Open(path, SqliteOpenMode.ReadWriteCreate);
        try
        {
            // WAL lets readers (reports, `locus usage` in another process) run while the server writes, and makes a
            // commit one sequential append. It is a property of the file, so later readers see it too.
            var mode = Scalar(connection, "PRAGMA journal_mode = WAL") as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new SqliteException($"SQLite refused write-ahead logging on this file system (journal mode is '{mode}')", 1);
            }

            Execute(connection, $"PRAGMA synchronous = {(options.FullSync ? "FULL" : "NORMAL")}");
            if (options.MaxPageCount is { } pages)
            {
                Execute(connection, $"PRAGMA max_page_count = {pages}");
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>A read-only connection for one read (a report, a spend query); WAL lets it run beside the writer.</summary>
    public static SqliteConnection OpenReader(string path) => Open(path, SqliteOpenMode.ReadOnly);

    public static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        // No pooling: a pooled connection would keep the file (and its WAL) open after the ledger is disposed.
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            Execute(connection, $"PRAGMA busy_timeout = {BusyTimeoutMs}");
            DecimalFunctions.Register(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
