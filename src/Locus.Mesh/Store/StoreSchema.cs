using Microsoft.Data.Sqlite;

namespace Locus.Mesh.Store;

/// <summary>The table layout, versioned by <c>PRAGMA user_version</c> (as the ledger's): newer files are refused.</summary>
internal static class StoreSchema
{
    public const int CurrentVersion = 1;

    // Sequence numbers come from one AUTOINCREMENT key so they are never reused after a compaction trims the log:
    // snapshot_seq then always means "every entry up to here is in the snapshot". Each blob carries a checksum
    // (Checksum.Of) so a damaged row that still happens to decode is refused rather than merged.
    private const string Create = """
        CREATE TABLE documents (
            id             TEXT    PRIMARY KEY,
            kind           TEXT    NOT NULL,
            snapshot       BLOB,
            snapshot_check INTEGER,
            snapshot_seq   INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;
        CREATE TABLE deltas (
            seq   INTEGER PRIMARY KEY AUTOINCREMENT,
            doc   TEXT    NOT NULL REFERENCES documents (id),
            body  BLOB    NOT NULL,
            check_sum INTEGER NOT NULL
        );
        CREATE INDEX deltas_by_doc ON deltas (doc, seq);
        PRAGMA user_version = 1;
        """;

    public static void Ensure(SqliteConnection connection, string path)
    {
        // BEGIN IMMEDIATE: two processes opening a new file at once must not both create the tables.
        using var transaction = connection.BeginTransaction(deferred: false);
        var version = Convert.ToInt32(StoreConnections.Scalar(connection, "PRAGMA user_version", transaction), System.Globalization.CultureInfo.InvariantCulture);
        if (version > CurrentVersion)
        {
            throw new MeshStoreException("*", $"the store '{path}' has schema version {version}, this Locus understands up to {CurrentVersion}");
        }

        if (version == 0)
        {
            StoreConnections.Execute(connection, Create, transaction);
        }

        transaction.Commit();
    }
}
