using System.Globalization;

namespace Locus.Ledger;

/// <summary>The UTC days and months that budgets and usage reports count in, and the period names reports accept.</summary>
public static class UsagePeriod
{
    public static DateTimeOffset DayStart(DateTimeOffset now) => new(now.UtcDateTime.Date, TimeSpan.Zero);

    public static DateTimeOffset MonthStart(DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        return new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
    }

    /// <summary>
    /// Reads <c>today</c>, <c>month</c>, <c>all</c> (no start) or a UTC date <c>YYYY-MM-DD</c> into the report's start;
    /// false for anything else.
    /// </summary>
    public static bool TryParseStart(string period, DateTimeOffset now, out DateTimeOffset? from)
    {
        ArgumentNullException.ThrowIfNull(period);
        switch (period)
        {
            case "today":
                from = DayStart(now);
                return true;
            case "month":
                from = MonthStart(now);
                return true;
            case "all":
                from = null;
                return true;
        }

        var ok = DateTimeOffset.TryParseExact(period, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date);
        from = ok ? date : null;
        return ok;
    }
}
