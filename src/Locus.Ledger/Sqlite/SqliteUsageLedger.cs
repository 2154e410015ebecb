using Locus.Ledger.Reporting;
using Locus.Ledger.Spending;
using Locus.Ledger.Storage;
using Locus.Ledger.Writing;
using Microsoft.Data.Sqlite;

namespace Locus.Ledger.Sqlite;

/// <summary>
/// The ledger over one SQLite file. Writes go through the group-commit writer; reads open their own short-lived
/// connection, which WAL lets run beside the writer. Read-only instances (for `locus usage` while a server writes)
/// have neither writer nor spend index.
/// </summary>
internal sealed class SqliteUsageLedger : IUsageLedger
{
    private readonly string _path;
    private readonly GroupCommitWriter? _writer;
    private readonly SpendIndex? _spend;

    public SqliteUsageLedger(string path, GroupCommitWriter? writer, SpendIndex? spend)
    {
        _path = path;
        _writer = writer;
        _spend = spend;
    }

    /// <summary>Transactions the writer committed (0 when read-only); shows that appends are grouped.</summary>
    internal long Commits => _writer?.Commits ?? 0;

    public ValueTask AppendAsync(UsageRecord record, CancellationToken cancellationToken = default)
    {
        RecordChecks.Validate(record);
        if (_writer is null)
        {
            throw new InvalidOperationException($"The usage ledger '{_path}' was opened read-only; open it with UsageLedger.Open to append.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var committed = _writer.Enqueue(record);
        return new ValueTask(cancellationToken.CanBeCanceled ? committed.WaitAsync(cancellationToken) : committed);
    }

    public decimal SpentSince(string client, DateTimeOffset since)
    {
        ArgumentNullException.ThrowIfNull(client);
        var sinceUs = UnixMicros.From(since);
        if (_spend is null)
        {
            return Read(connection => SpendQueries.Sum(connection, client, sinceUs, toUs: null));
        }

        var answer = _spend.SpentSince(client, sinceUs);
        if (answer.PartialDay is not { } day)
        {
            return answer.Known;
        }

        var endOfDay = UnixMicros.StartOfDay(day + 1);
        return answer.Known + Read(connection => SpendQueries.Sum(connection, client, sinceUs, endOfDay));
    }

    public Task<UsageReport> ReportAsync(UsageQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);

        // Microsoft.Data.Sqlite's async methods run synchronously; a pool thread keeps the caller's thread free.
        return Task.Run(() => Read(connection => UsageReports.Build(connection, query)), cancellationToken);
    }

    public Task<IReadOnlyList<UsageRecord>> RecentAsync(int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return Task.Run(() => Read<IReadOnlyList<UsageRecord>>(connection => Recent(connection, limit)), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static List<UsageRecord> Recent(SqliteConnection connection, int limit)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {UsageRowReader.Columns} FROM usage ORDER BY id DESC LIMIT $limit";
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var records = new List<UsageRecord>();
        while (reader.Read())
        {
            records.Add(UsageRowReader.Read(reader));
        }

        return records;
    }

    private T Read<T>(Func<SqliteConnection, T> read)
    {
        using var connection = LedgerConnections.OpenReader(_path);
        return read(connection);
    }
}
