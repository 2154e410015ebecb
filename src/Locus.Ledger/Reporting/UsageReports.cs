using System.Globalization;
using Locus.Ledger.Storage;
using Microsoft.Data.Sqlite;

namespace Locus.Ledger.Reporting;

/// <summary>
/// Builds a <see cref="UsageReport"/> in one scan of the selected rows, totalled in C#: exact decimal sums, and
/// several times faster than SQL GROUP BYs, which sort every row once per breakdown (seconds per million rows).
/// </summary>
internal static class UsageReports
{
    private const int Refused = 1, Error = 2;

    public static UsageReport Build(SqliteConnection connection, UsageQuery query)
    {
        var filter = new RowFilter(query);
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT tier, target, client, (outcome GLOB 'refused:*') * {Refused} + (outcome GLOB 'error:*') * {Error},
                   input_tokens, output_tokens, cached_input_tokens, cost_usd, reference_cost_usd, energy_j,
                   max_tokens_granted IS NOT NULL
            FROM usage {filter.Where()}
            """;
        filter.Bind(command);

        var byTier = new SortedDictionary<int, Tally>();
        var byTarget = new Dictionary<string, Tally>(StringComparer.Ordinal);
        var byClient = new Dictionary<string, Tally>(StringComparer.Ordinal);
        long requests = 0, refused = 0, errors = 0, clamped = 0, inputTokens = 0, outputTokens = 0, cachedTokens = 0;
        decimal cost = 0m, referenceCost = 0m;
        var energy = 0.0;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var (input, output, rowCost) = (reader.GetInt64(4), reader.GetInt64(5), Money.Parse(reader.GetString(7)));
                var outcome = reader.GetInt32(3);
                requests++;
                refused += outcome == Refused ? 1 : 0;
                errors += outcome == Error ? 1 : 0;
                inputTokens += input;
                outputTokens += output;
                cachedTokens += reader.GetInt64(6);
                cost += rowCost;
                referenceCost += Money.Parse(reader.GetString(8));
                energy += reader.GetDouble(9);
                clamped += reader.GetInt64(10);
                For(byTier, reader.GetInt32(0)).Add(input, output, rowCost);
                var target = reader.GetString(1);
                if (target.Length > 0) // refused before routing: no target to show
                {
                    For(byTarget, target).Add(input, output, rowCost);
                }

                For(byClient, reader.GetString(2)).Add(input, output, rowCost);
            }
        }

        return new UsageReport
        {
            From = query.From,
            To = query.To,
            Requests = requests,
            Refused = refused,
            Errors = errors,
            MaxTokensClamped = clamped,
            InputTokens = inputTokens,
            OutputTokens = outputTokens,
            CachedInputTokens = cachedTokens,
            CostUsd = cost,
            ReferenceCostUsd = referenceCost,
            EnergyJoules = energy,
            ByTier = [.. byTier.Select(pair => pair.Value.ToGroup(pair.Key.ToString(CultureInfo.InvariantCulture), requests))],
            ByTarget = MostRequestsFirst(byTarget, requests),
            ByClient = MostRequestsFirst(byClient, requests),
        };
    }

    private static List<UsageGroup> MostRequestsFirst(Dictionary<string, Tally> tallies, long totalRequests) =>
        [.. tallies.Select(pair => pair.Value.ToGroup(pair.Key, totalRequests))
            .OrderByDescending(group => group.Requests)
            .ThenBy(group => group.Key, StringComparer.Ordinal)];

    private static Tally For<TKey>(IDictionary<TKey, Tally> tallies, TKey key)
    {
        if (!tallies.TryGetValue(key, out var tally))
        {
            tally = new Tally();
            tallies.Add(key, tally);
        }

        return tally;
    }
}
