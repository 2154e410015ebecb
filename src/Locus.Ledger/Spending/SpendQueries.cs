using Locus.Ledger.Storage;
using Microsoft.Data.Sqlite;

namespace Locus.Ledger.Spending;

/// <summary>Spend straight from the file: loading the index at open, and the partial days the index cannot split.</summary>
internal static class SpendQueries
{
    public static void Load(SqliteConnection connection, SpendIndex index)
    {
        using (var days = connection.CreateCommand())
        {
            days.CommandText = "SELECT client, day, cost_usd FROM spend_by_day";
            using var reader = days.ExecuteReader();
            while (reader.Read())
            {
                index.AddDaySum(reader.GetString(0), reader.GetInt64(1), Money.Parse(reader.GetString(2)));
            }
        }

        using var recent = connection.CreateCommand();
        recent.CommandText = "SELECT client, time_us, cost_usd FROM usage WHERE time_us >= $from";
        recent.Parameters.AddWithValue("$from", UnixMicros.StartOfDay(index.RecentFromDay));
        using var rows = recent.ExecuteReader();
        while (rows.Read())
        {
            index.AddRecentRow(rows.GetString(0), rows.GetInt64(1), Money.Parse(rows.GetString(2)));
        }
    }

    /// <summary>The client's spend over [<paramref name="fromUs"/>, <paramref name="toUs"/>); null: no upper bound.</summary>
    public static decimal Sum(SqliteConnection connection, string client, long fromUs, long? toUs)
    {
        using var command = connection.CreateCommand();
        command.CommandText = toUs is null
            ? $"SELECT {DecimalFunctions.Sum}(cost_usd) FROM usage WHERE client = $client AND time_us >= $from"
            : $"SELECT {DecimalFunctions.Sum}(cost_usd) FROM usage WHERE client = $client AND time_us >= $from AND time_us < $to";
        command.Parameters.AddWithValue("$client", client);
        command.Parameters.AddWithValue("$from", fromUs);
        if (toUs is { } to)
        {
            command.Parameters.AddWithValue("$to", to);
        }

        return Money.Parse((string)command.ExecuteScalar()!);
    }
}
