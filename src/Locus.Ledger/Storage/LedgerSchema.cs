using Microsoft.Data.Sqlite;

namespace Locus.Ledger.Storage;

/// <summary>
/// The table layout, versioned by <c>PRAGMA user_version</c>: <see cref="Migrations"/>[i] brings a file from version
/// i to i + 1, so a file written by any older Locus is upgraded in place and a newer one is refused.
/// </summary>
internal static class LedgerSchema
{
    private static readonly string[] Migrations =
    [
        // 0 → 1: the usage table (money is decimal text, see Money; times are UTC microseconds, see UnixMicros), and
        // spend per client per UTC day, kept by the writer in the same transactions, so that opening a ledger with
        // years of rows reads a few thousand sums instead of every row.
        """
        CREATE TABLE usage (
            id                  INTEGER PRIMARY KEY,
            time_us             INTEGER NOT NULL,
            client              TEXT    NOT NULL,
            tier                INTEGER NOT NULL,
            target              TEXT    NOT NULL,
            model               TEXT,
            input_tokens        INTEGER NOT NULL,
            output_tokens       INTEGER NOT NULL,
            cached_input_tokens INTEGER NOT NULL,
            latency_ms          REAL    NOT NULL,
            ttft_ms             REAL,
            cost_usd            TEXT    NOT NULL,
            reference_cost_usd  TEXT    NOT NULL,
            energy_j            REAL    NOT NULL,
            reasons             TEXT    NOT NULL,
            outcome             TEXT    NOT NULL,
            degraded            INTEGER NOT NULL,
            prompt              TEXT
        );
        CREATE INDEX usage_by_time ON usage (time_us);
        CREATE INDEX usage_by_client_time ON usage (client, time_us);
        CREATE TABLE spend_by_day (
            client   TEXT    NOT NULL,
            day      INTEGER NOT NULL,
            cost_usd TEXT    NOT NULL,
            PRIMARY KEY (client, day)
        ) WITHOUT ROWID;
        """,
        // 1 → 2: max_tokens lowered to the room the target's context had left (both null when it was not).
        """
        ALTER TABLE usage ADD COLUMN max_tokens_asked INTEGER;
        ALTER TABLE usage ADD COLUMN max_tokens_granted INTEGER;
        """,
    ];

    public static int CurrentVersion => Migrations.Length;

    /// <summary>Creates or upgrades the schema; throws when the file was written by a newer Locus.</summary>
    public static void Ensure(SqliteConnection connection, string path)
    {
        if (ReadVersion(connection, transaction: null) == CurrentVersion)
        {
            return;
        }

        // BEGIN IMMEDIATE: two processes opening a new file at once must not both create the table.
        using var transaction = connection.BeginTransaction(deferred: false);
        var version = ReadVersion(connection, transaction);
        if (version > CurrentVersion)
        {
            throw LedgerErrors.NewerSchema(path, version, CurrentVersion);
        }

        for (; version < CurrentVersion; version++)
        {
            LedgerConnections.Execute(connection, Migrations[version], transaction);
        }

        LedgerConnections.Execute(connection, $"PRAGMA user_version = {CurrentVersion}", transaction);
        transaction.Commit();
    }

    public static int ReadVersion(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        command.Transaction = transaction;
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
