using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Locus.Ledger.Storage;

/// <summary>
/// One prepared INSERT on the writer's connection, bound and stepped per row. It talks to SQLite through
/// SQLitePCL.raw (the layer under Microsoft.Data.Sqlite): per row that costs about half of SqliteCommand's
/// parameter binding and reader setup, which is most of a group commit's time.
/// </summary>
internal sealed class UsageRowInserter : IDisposable
{
    private const string Sql = """
        INSERT INTO usage (time_us, client, tier, target, model, input_tokens, output_tokens, cached_input_tokens,
                           latency_ms, ttft_ms, cost_usd, reference_cost_usd, energy_j, reasons, outcome, degraded, prompt,
                           max_tokens_asked, max_tokens_granted)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)
        """;

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly bool _storePrompts;

    public UsageRowInserter(SqliteConnection connection, bool storePrompts)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The ledger connection is not open.");
        _storePrompts = storePrompts;
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(_db, Sql, out _statement), _db);
    }

    /// <summary>Inserts one row inside the caller's open transaction; throws <see cref="SqliteException"/> on failure.</summary>
    public void Insert(UsageRecord record)
    {
        try
        {
            Check(raw.sqlite3_bind_int64(_statement, 1, UnixMicros.From(record.Time)));
            BindText(2, record.Client);
            Check(raw.sqlite3_bind_int(_statement, 3, record.Tier));
            BindText(4, record.Target);
            BindText(5, record.Model);
            Check(raw.sqlite3_bind_int64(_statement, 6, record.InputTokens));
            Check(raw.sqlite3_bind_int64(_statement, 7, record.OutputTokens));
            Check(raw.sqlite3_bind_int64(_statement, 8, record.CachedInputTokens));
            Check(raw.sqlite3_bind_double(_statement, 9, record.LatencyMs));
            Check(record.TimeToFirstTokenMs is { } ttft ? raw.sqlite3_bind_double(_statement, 10, ttft) : raw.sqlite3_bind_null(_statement, 10));
            BindText(11, Money.Format(record.CostUsd));
            BindText(12, Money.Format(record.ReferenceCostUsd));
            Check(raw.sqlite3_bind_double(_statement, 13, record.EnergyJoules));
            BindText(14, ReasonsJson.Write(record.Reasons));
            BindText(15, record.Outcome);
            Check(raw.sqlite3_bind_int(_statement, 16, record.Degraded ? 1 : 0));
            BindText(17, _storePrompts ? record.Prompt : null);
            BindInt(18, record.MaxTokensAsked);
            BindInt(19, record.MaxTokensGranted);
            Check(raw.sqlite3_step(_statement)); // SQLITE_DONE passes
        }
        finally
        {
            // Always reset: a statement left mid-step would make the transaction's COMMIT fail.
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void BindText(int index, string? value) =>
        Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text(_statement, index, value));

    private void BindInt(int index, int? value) =>
        Check(value is { } v ? raw.sqlite3_bind_int(_statement, index, v) : raw.sqlite3_bind_null(_statement, index));

    private void Check(int result) => SqliteException.ThrowExceptionForRC(result, _db);
}
