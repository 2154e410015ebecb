using Locus.Server.Protocol.Responses;
using Microsoft.Data.Sqlite;

namespace Locus.Server.Responses;

/// <summary>
/// <see cref="IResponseStore"/> in one SQLite file (WAL), or in memory when no path is configured (a server built in code
/// without a node: stored responses then last as long as the server). The connection opens on first use, so a server
/// that never serves the Responses API creates no file. One connection behind a lock: rows are small and few.
/// </summary>
internal sealed class SqliteResponseStore(string? path, TimeSpan retention, TimeProvider time) : IResponseStore
{
    private readonly Lock _lock = new();
    private SqliteConnection? _connection;
    private bool _disposed;

    public void Save(StoredResponse response)
    {
        lock (_lock)
        {
            var connection = Open();
            PurgeLocked(connection);
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT OR REPLACE INTO responses (id, created_at, response, items) VALUES ($id, $created, $response, $items)";
            insert.Parameters.AddWithValue("$id", response.Id);
            insert.Parameters.AddWithValue("$created", response.CreatedAt.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$response", response.ResponseJson);
            insert.Parameters.AddWithValue("$items", response.ItemsJson);
            insert.ExecuteNonQuery();
        }
    }

    public StoredResponse? Find(string id)
    {
        lock (_lock)
        {
            using var select = Open().CreateCommand();
            select.CommandText = "SELECT created_at, response, items FROM responses WHERE id = $id AND created_at >= $cutoff";
            select.Parameters.AddWithValue("$id", id);
            select.Parameters.AddWithValue("$cutoff", Cutoff());
            using var reader = select.ExecuteReader();
            return reader.Read()
                ? new StoredResponse(id, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), reader.GetString(1), reader.GetString(2))
                : null;
        }
    }

    public bool Delete(string id)
    {
        lock (_lock)
        {
            using var delete = Open().CreateCommand();
            delete.CommandText = "DELETE FROM responses WHERE id = $id";
            delete.Parameters.AddWithValue("$id", id);
            return delete.ExecuteNonQuery() > 0;
        }
    }

    public int Purge()
    {
        lock (_lock)
        {
            return PurgeLocked(Open());
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _connection?.Dispose();
            _connection = null;
        }
    }

    private int PurgeLocked(SqliteConnection connection)
    {
        using var delete = connection.CreateCommand();
        delete.CommandText = "DELETE FROM responses WHERE created_at < $cutoff";
        delete.Parameters.AddWithValue("$cutoff", Cutoff());
        return delete.ExecuteNonQuery();
    }

    private long Cutoff() => (time.GetUtcNow() - retention).ToUnixTimeMilliseconds();

    private SqliteConnection Open()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_connection is not null)
        {
            return _connection;
        }

        if (path is not null && Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        var builder = new SqliteConnectionStringBuilder { DataSource = path ?? ":memory:", Pooling = false };
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        using var schema = connection.CreateCommand();
        schema.CommandText = (path is null ? "" : "PRAGMA journal_mode = WAL;") + """
            CREATE TABLE IF NOT EXISTS responses (
                id TEXT PRIMARY KEY,
                created_at INTEGER NOT NULL,
                response TEXT NOT NULL,
                items TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS responses_created_at ON responses (created_at);
            """;
        schema.ExecuteNonQuery();
        return _connection = connection;
    }
}
