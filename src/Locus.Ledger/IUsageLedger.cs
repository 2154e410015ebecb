namespace Locus.Ledger;

/// <summary>The usage ledger: a durable row per request, spend per client for budgets, and reports.</summary>
public interface IUsageLedger : IAsyncDisposable
{
    /// <summary>
    /// Records <paramref name="record"/>; completes only once the row is committed to the database file, so a killed
    /// process loses no acknowledged row. Rows are group-committed: concurrent calls share one transaction.
    /// Fails with a <c>LocusException</c> (code <c>ledger_write_failed</c>) when the write fails (e.g. disk full).
    /// Cancelling stops the wait, not the write: a queued row may still be recorded.
    /// </summary>
    ValueTask AppendAsync(UsageRecord record, CancellationToken cancellationToken = default);

    /// <summary>
    /// The sum of <see cref="UsageRecord.CostUsd"/> over <paramref name="client"/>'s rows with Time &gt;= <paramref name="since"/>,
    /// including rows from earlier runs and every append that has completed. In memory for day-aligned
    /// <paramref name="since"/> (start of a UTC day or month) and for any time since yesterday's start.
    /// </summary>
    decimal SpentSince(string client, DateTimeOffset since);

    /// <summary>Totals and breakdowns (by tier, target, client) over the rows <paramref name="query"/> selects.</summary>
    Task<UsageReport> ReportAsync(UsageQuery query, CancellationToken cancellationToken = default);

    /// <summary>The newest <paramref name="limit"/> rows, newest first.</summary>
    Task<IReadOnlyList<UsageRecord>> RecentAsync(int limit, CancellationToken cancellationToken = default);
}
