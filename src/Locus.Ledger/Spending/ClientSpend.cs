namespace Locus.Ledger.Spending;

/// <summary>One client's spend: a sum per UTC day over all history, and the recent rows one by one.</summary>
internal sealed class ClientSpend
{
    private readonly SortedList<long, decimal> _days = [];
    private readonly List<(long TimeUs, decimal Cost)> _recent = [];

    public void AddToDay(long day, decimal cost) => _days[day] = _days.GetValueOrDefault(day) + cost;

    public void AddRecent(long timeUs, decimal cost) => _recent.Add((timeUs, cost));

    /// <summary>The sum over days &gt;= <paramref name="firstDay"/>; walks back from the newest day, so a month costs ~31 steps.</summary>
    public decimal DaysFrom(long firstDay)
    {
        var sum = 0m;
        var days = _days.Keys;
        var sums = _days.Values;
        for (var i = days.Count - 1; i >= 0 && days[i] >= firstDay; i--)
        {
            sum += sums[i];
        }

        return sum;
    }

    public decimal RecentFrom(long sinceUs)
    {
        var sum = 0m;
        foreach (var (timeUs, cost) in _recent)
        {
            if (timeUs >= sinceUs)
            {
                sum += cost;
            }
        }

        return sum;
    }

    public void ForgetRecentBefore(long timeUs) => _recent.RemoveAll(row => row.TimeUs < timeUs);
}
