using Locus.Ledger.Storage;

namespace Locus.Ledger.Spending;

/// <summary>
/// Spend per client, in memory, for budget checks on every request. Holds a sum per client per UTC day over the
/// whole ledger (day- and month-aligned windows are a few additions) and, for windows that start mid-day, every row
/// since the start of yesterday by the clock, so rolling windows up to 24 hours need no query. Older mid-day starts
/// are answered by the caller with one SQL query for that single partial day.
/// </summary>
internal sealed class SpendIndex
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<string, ClientSpend> _clients = new(StringComparer.Ordinal);

    public SpendIndex(TimeProvider time)
    {
        _time = time;
        RecentFromDay = YesterdayOf(time);
    }

    /// <summary>Rows on this UTC day or later are all in the recent lists; it only moves forward.</summary>
    public long RecentFromDay { get; private set; }

    /// <summary>Loads one (client, day) sum of earlier runs.</summary>
    public void AddDaySum(string client, long day, decimal sum)
    {
        lock (_gate)
        {
            For(client).AddToDay(day, sum);
        }
    }

    /// <summary>Loads one row of an earlier run from on or after <see cref="RecentFromDay"/>.</summary>
    public void AddRecentRow(string client, long timeUs, decimal cost)
    {
        lock (_gate)
        {
            For(client).AddRecent(timeUs, cost);
        }
    }

    /// <summary>Counts a row that was just committed.</summary>
    public void Add(string client, long timeUs, decimal cost)
    {
        lock (_gate)
        {
            MoveRecentWindow();
            var spend = For(client);
            var day = UnixMicros.Day(timeUs);
            spend.AddToDay(day, cost);
            if (day >= RecentFromDay)
            {
                spend.AddRecent(timeUs, cost);
            }
        }
    }

    /// <summary>The spend since <paramref name="sinceUs"/>, or the part it knows plus the one day it cannot split.</summary>
    public SpendAnswer SpentSince(string client, long sinceUs)
    {
        lock (_gate)
        {
            MoveRecentWindow();
            if (!_clients.TryGetValue(client, out var spend))
            {
                return new SpendAnswer(0m, PartialDay: null);
            }

            var day = UnixMicros.Day(sinceUs);
            if (sinceUs == UnixMicros.StartOfDay(day))
            {
                return new SpendAnswer(spend.DaysFrom(day), PartialDay: null);
            }

            // Every day from `day` on is in the recent rows, so they alone answer.
            return day >= RecentFromDay
                ? new SpendAnswer(spend.RecentFrom(sinceUs), PartialDay: null)
                : new SpendAnswer(spend.DaysFrom(day + 1), PartialDay: day);
        }
    }

    private static long YesterdayOf(TimeProvider time) => UnixMicros.Day(UnixMicros.From(time.GetUtcNow())) - 1;

    private void MoveRecentWindow()
    {
        var yesterday = YesterdayOf(_time);
        if (yesterday <= RecentFromDay)
        {
            return;
        }

        RecentFromDay = yesterday;
        var from = UnixMicros.StartOfDay(yesterday);
        foreach (var spend in _clients.Values)
        {
            spend.ForgetRecentBefore(from);
        }
    }

    private ClientSpend For(string client)
    {
        if (!_clients.TryGetValue(client, out var spend))
        {
            spend = new ClientSpend();
            _clients.Add(client, spend);
        }

        return spend;
    }
}
