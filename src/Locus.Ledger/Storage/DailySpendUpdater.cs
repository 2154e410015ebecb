using Microsoft.Data.Sqlite;

namespace Locus.Ledger.Storage;

/// <summary>
/// Adds a batch's costs to <c>spend_by_day</c> inside the batch's transaction: one upsert per (client, day) in the
/// batch, usually one or two. The sum is done by SQLite (<see cref="DecimalFunctions.Add"/>), on the file's own
/// value, so it stays right even if the file was replaced under a running server.
/// </summary>
internal sealed class DailySpendUpdater : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter _client, _day, _cost;

    public DailySpendUpdater(SqliteConnection connection)
    {
        _command = connection.CreateCommand();
        _command.CommandText = $"""
            INSERT INTO spend_by_day (client, day, cost_usd) VALUES ($client, $day, $cost)
            ON CONFLICT (client, day) DO UPDATE SET cost_usd = {DecimalFunctions.Add}(cost_usd, excluded.cost_usd)
            """;
        _client = _command.Parameters.Add(new SqliteParameter { ParameterName = "$client" });
        _day = _command.Parameters.Add(new SqliteParameter { ParameterName = "$day" });
        _cost = _command.Parameters.Add(new SqliteParameter { ParameterName = "$cost" });
    }

    public void Add(IEnumerable<UsageRecord> records, SqliteTransaction transaction)
    {
        var sums = new Dictionary<(string Client, long Day), decimal>();
        foreach (var record in records)
        {
            var key = (record.Client, UnixMicros.Day(UnixMicros.From(record.Time)));
            sums[key] = sums.GetValueOrDefault(key) + record.CostUsd;
        }

        _command.Transaction = transaction;
        foreach (var ((client, day), cost) in sums)
        {
            _client.Value = client;
            _day.Value = day;
            _cost.Value = Money.Format(cost);
            _command.ExecuteNonQuery();
        }
    }

    public void Dispose() => _command.Dispose();
}
