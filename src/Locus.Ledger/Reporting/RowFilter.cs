using Locus.Ledger.Storage;
using Microsoft.Data.Sqlite;

namespace Locus.Ledger.Reporting;

/// <summary>The WHERE clause for a <see cref="UsageQuery"/>, with only the conditions it sets (so indexes are used).</summary>
internal sealed class RowFilter
{
    private readonly List<string> _conditions = [];
    private readonly List<(string Name, object Value)> _parameters = [];

    public RowFilter(UsageQuery query)
    {
        if (query.From is { } from)
        {
            Add("time_us >= $from", "$from", UnixMicros.From(from));
        }

        if (query.To is { } to)
        {
            Add("time_us < $to", "$to", UnixMicros.From(to));
        }

        if (query.Client is { } client)
        {
            Add("client = $client", "$client", client);
        }
    }

    /// <summary>"WHERE ..." with parameter placeholders only, or nothing when the query selects every row.</summary>
    public string Where() => _conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", _conditions);

    public void Bind(SqliteCommand command)
    {
        foreach (var (name, value) in _parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
    }

    private void Add(string condition, string name, object value)
    {
        _conditions.Add(condition);
        _parameters.Add((name, value));
    }
}
