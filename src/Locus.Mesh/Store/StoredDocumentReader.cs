using Microsoft.Data.Sqlite;

namespace Locus.Mesh.Store;

/// <summary>Reads one document's snapshot and log inside one read transaction, verifying every row's checksum.</summary>
internal static class StoredDocumentReader
{
    public static StoredDocument Read(SqliteConnection connection, string documentId)
    {
        // One transaction: the snapshot and the log come from the same commit, even while a compaction runs.
        using var transaction = connection.BeginTransaction(deferred: true);
        using var head = connection.CreateCommand();
        head.Transaction = transaction;
        head.CommandText = "SELECT kind, snapshot, snapshot_check, snapshot_seq FROM documents WHERE id = $id";
        head.Parameters.AddWithValue("$id", documentId);
        DocumentKind kind;
        byte[]? snapshot = null;
        long snapshotSequence;
        using (var row = head.ExecuteReader())
        {
            if (!row.Read())
            {
                throw new MeshStoreException(documentId, "does not exist");
            }

            kind = ParseKind(documentId, row.GetString(0));
            snapshotSequence = row.GetInt64(3);
            if (!row.IsDBNull(1))
            {
                snapshot = row.GetValue(1) as byte[] ?? throw new MeshStoreException(documentId, "its snapshot is not a blob");
                if (row.IsDBNull(2) || row.GetInt64(2) != Checksum.Of(snapshot))
                {
                    throw new MeshStoreException(documentId, $"its snapshot (through entry {snapshotSequence}) fails its checksum");
                }
            }
        }

        using var log = connection.CreateCommand();
        log.Transaction = transaction;
        log.CommandText = "SELECT seq, body, check_sum FROM deltas WHERE doc = $id AND seq > $after ORDER BY seq";
        log.Parameters.AddWithValue("$id", documentId);
        log.Parameters.AddWithValue("$after", snapshotSequence);
        var entries = new List<StoredDelta>();
        using (var row = log.ExecuteReader())
        {
            while (row.Read())
            {
                var sequence = row.GetInt64(0);
                var body = row.GetValue(1) as byte[] ?? throw new MeshStoreException(documentId, $"log entry {sequence} is not a blob");
                if (row.GetInt64(2) != Checksum.Of(body))
                {
                    throw new MeshStoreException(documentId, $"log entry {sequence} fails its checksum");
                }

                entries.Add(new StoredDelta(sequence, body));
            }
        }

        transaction.Commit();
        return new StoredDocument(documentId, kind, snapshot, snapshotSequence, entries);
    }

    public static DocumentKind ParseKind(string documentId, string name) =>
        DocumentKinds.Parse(name) ?? throw new MeshStoreException(documentId, $"has unknown kind '{name}'");
}
