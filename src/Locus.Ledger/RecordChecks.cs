namespace Locus.Ledger;

/// <summary>What a row must satisfy before it is queued; violations are the caller's bugs, so they throw.</summary>
internal static class RecordChecks
{
    public static void Validate(UsageRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(record.Client, nameof(record));
        ArgumentNullException.ThrowIfNull(record.Target, nameof(record));
        ArgumentNullException.ThrowIfNull(record.Outcome, nameof(record));
        ArgumentNullException.ThrowIfNull(record.Reasons, nameof(record));

        // SQLite stores NaN as NULL; a NOT NULL column would then fail the whole batch at commit time.
        RequireFinite(record.LatencyMs, nameof(UsageRecord.LatencyMs));
        RequireFinite(record.EnergyJoules, nameof(UsageRecord.EnergyJoules));
        if (record.TimeToFirstTokenMs is { } ttft)
        {
            RequireFinite(ttft, nameof(UsageRecord.TimeToFirstTokenMs));
        }
    }

    private static void RequireFinite(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number.");
        }
    }
}
