namespace Locus.Ledger.Storage;

/// <summary>
/// Times are stored as microseconds since the Unix epoch (UTC), an integer that sorts, indexes and reads well in the
/// sqlite3 shell (<c>datetime(time_us / 1000000, 'unixepoch')</c>). Days are UTC days numbered from the epoch.
/// </summary>
internal static class UnixMicros
{
    public const long PerDay = 86_400_000_000;

    private const long TicksPerMicro = TimeSpan.TicksPerMillisecond / 1000;

    public static long From(DateTimeOffset time) => FloorDiv(time.UtcTicks - DateTime.UnixEpoch.Ticks, TicksPerMicro);

    public static DateTimeOffset ToTime(long micros) => new(DateTime.UnixEpoch.Ticks + (micros * TicksPerMicro), TimeSpan.Zero);

    public static long Day(long micros) => FloorDiv(micros, PerDay);

    public static long StartOfDay(long day) => day * PerDay;

    // Integer division rounds towards zero; days and truncation must round down, also before 1970.
    private static long FloorDiv(long value, long divisor)
    {
        var quotient = Math.DivRem(value, divisor, out var remainder);
        return remainder < 0 ? quotient - 1 : quotient;
    }
}
