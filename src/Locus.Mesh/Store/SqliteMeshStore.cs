using Microsoft.Data.Sqlite;

namespace Locus.Mesh.Store;

/// <summary>
/// The store over one SQLite file. One writing connection, serialised by a lock (SQLite has one writer anyway); each
/// read opens its own short-lived read-only connection, which WAL lets run beside the writer.
/// </summary>
internal sealed class SqliteMeshStore : IMeshStore
{
    private readonly Lock _gate = new();
    private readonly SqliteConnection _writer;

    public SqliteMeshStore(string path, MeshStoreOptions options)
    {
        Path = path;
        _writer = StoreConnections.OpenWriter(path, options);
        try
        {
            StoreSchema.Ensure(_writer, path);
        }
        catch
        {
            _writer.Dispose();
            throw;
        }
    }

    public string Path { get; }

    public void Create(string documentId, DocumentKind kind)
    {
        ArgumentException.ThrowIfNullOrEmpty(documentId);
        var name = DocumentKinds.Name(kind);
        lock (_gate)
        {
            using var command = Command("INSERT INTO documents (id, kind) VALUES ($id, $kind) ON CONFLICT (id) DO NOTHING RETURNING kind", documentId);
            command.Parameters.AddWithValue("$kind", name);
            if (command.ExecuteScalar() is not null)
            {
                return;
            }

            using var existing = Command("SELECT kind FROM documents WHERE id = $id", documentId);
            var stored = existing.ExecuteScalar() as string;
            if (stored != name)
            {
                throw new MeshStoreException(documentId, $"exists as '{stored}', not '{name}'");
            }
        }
    }

    public long Append(string documentId, ReadOnlySpan<byte> delta)
    {
        ArgumentException.ThrowIfNullOrEmpty(documentId);
        var body = delta.ToArray();
        lock (_gate)
        {
            // One statement in autocommit mode is its own transaction: ExecuteScalar returns after the commit.
            using var command = Command("""
                INSERT INTO deltas (doc, body, check_sum)
                SELECT $id, $body, $check WHERE EXISTS (SELECT 1 FROM documents WHERE id = $id)
                RETURNING seq
                """, documentId);
            command.Parameters.AddWithValue("$body", body);
            command.Parameters.AddWithValue("$check", Checksum.Of(body));
            return command.ExecuteScalar() is long sequence
                ? sequence
                : throw new MeshStoreException(documentId, "does not exist; create it before appending");
        }
    }

    public void Compact(string documentId, ReadOnlySpan<byte> snapshot, long throughSequence)
    {
        ArgumentException.ThrowIfNullOrEmpty(documentId);
        var body = snapshot.ToArray();
        lock (_gate)
        {
            using var transaction = _writer.BeginTransaction(deferred: false);
            // Never replace a newer snapshot with an older one: that would drop entries already trimmed from the log.
            using var update = Command("""
                UPDATE documents SET snapshot = $body, snapshot_check = $check, snapshot_seq = $through
                WHERE id = $id AND snapshot_seq <= $through
                """, documentId, transaction);
            update.Parameters.AddWithValue("$body", body);
            update.Parameters.AddWithValue("$check", Checksum.Of(body));
            update.Parameters.AddWithValue("$through", throughSequence);
            if (update.ExecuteNonQuery() != 1)
            {
                throw new MeshStoreException(documentId, $"cannot compact through {throughSequence}: the document does not exist or has a newer snapshot");
            }

            using var trim = Command("DELETE FROM deltas WHERE doc = $id AND seq <= $through", documentId, transaction);
            trim.Parameters.AddWithValue("$through", throughSequence);
            trim.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    public StoredDocument Read(string documentId)
    {
        ArgumentException.ThrowIfNullOrEmpty(documentId);
        using var connection = StoreConnections.OpenReader(Path);
        return StoredDocumentReader.Read(connection, documentId);
    }

    public IReadOnlyList<(string Id, DocumentKind Kind)> Documents()
    {
        using var connection = StoreConnections.OpenReader(Path);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, kind FROM documents ORDER BY id";
        using var reader = command.ExecuteReader();
        var documents = new List<(string, DocumentKind)>();
        while (reader.Read())
        {
            var id = reader.GetString(0);
            documents.Add((id, StoredDocumentReader.ParseKind(id, reader.GetString(1))));
        }

        return documents;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _writer.Dispose();
        }
    }

    private SqliteCommand Command(string sql, string documentId, SqliteTransaction? transaction = null)
    {
        var command = _writer.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.Parameters.AddWithValue("$id", documentId);
        return command;
    }
}
