using Microsoft.Data.Sqlite;

namespace Locus.Mesh.Store;

/// <summary>Opens connections to a mesh store file with the settings the usage ledger uses (see LedgerConnections).</summary>
internal static class StoreConnections
{
    // How long a statement waits for another connection's lock (a second writer, a checkpoint) before failing.
    private const int BusyTimeoutMs = 5000;

    /// <summary>The single writing connection: WAL journal, and fsync per commit only when asked for.</summary>
    public static SqliteConnection OpenWriter(string path, MeshStoreOptions options)
    {
        var connection = Open(path, SqliteOpenMode.ReadWriteCreate);
        try
        {
            // WAL: a commit is one sequential append to the log file, readers run beside the writer, and a process
            // killed mid-transaction leaves an uncommitted tail that the next open ignores.
            var mode = Scalar(connection, "PRAGMA journal_mode = WAL") as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new SqliteException($"SQLite refused write-ahead logging on this file system (journal mode is '{mode}')", 1);
            }

            // NORMAL: a commit reaches the OS page cache before Append returns, which a killed process cannot undo;
            // only FULL also fsyncs it, for power loss.
            Execute(connection, $"PRAGMA synchronous = {(options.FullSync ? "FULL" : "NORMAL")}");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>A read-only connection for one read; WAL lets it run beside the writer.</summary>
    public static SqliteConnection OpenReader(string path) => Open(path, SqliteOpenMode.ReadOnly);

    public static object? Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
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
        // No pooling: a pooled connection would keep the file (and its WAL) open after the store is disposed.
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            Execute(connection, $"PRAGMA busy_timeout = {BusyTimeoutMs}");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
