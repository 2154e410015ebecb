using Microsoft.Data.Sqlite;

namespace Locus.Ledger.Storage;

/// <summary>Reads whole rows back into <see cref="UsageRecord"/>s; <see cref="Columns"/> is the SELECT list it expects.</summary>
internal static class UsageRowReader
{
    public const string Columns =
        "time_us, client, tier, target, model, input_tokens, output_tokens, cached_input_tokens, latency_ms, ttft_ms, " +
        "cost_usd, reference_cost_usd, energy_j, reasons, outcome, degraded, prompt, max_tokens_asked, max_tokens_granted";

    public static UsageRecord Read(SqliteDataReader reader) => new()
    {
        Time = UnixMicros.ToTime(reader.GetInt64(0)),
        Client = reader.GetString(1),
        Tier = reader.GetInt32(2),
        Target = reader.GetString(3),
        Model = reader.IsDBNull(4) ? null : reader.GetString(4),
        InputTokens = reader.GetInt64(5),
        OutputTokens = reader.GetInt64(6),
        CachedInputTokens = reader.GetInt64(7),
        LatencyMs = reader.GetDouble(8),
        TimeToFirstTokenMs = reader.IsDBNull(9) ? null : reader.GetDouble(9),
        CostUsd = Money.Parse(reader.GetString(10)),
        ReferenceCostUsd = Money.Parse(reader.GetString(11)),
        EnergyJoules = reader.GetDouble(12),
        Reasons = ReasonsJson.Read(reader.GetString(13)),
        Outcome = reader.GetString(14),
        Degraded = reader.GetBoolean(15),
        Prompt = reader.IsDBNull(16) ? null : reader.GetString(16),
        MaxTokensAsked = reader.IsDBNull(17) ? null : reader.GetInt32(17),
        MaxTokensGranted = reader.IsDBNull(18) ? null : reader.GetInt32(18),
    };
}
