namespace Locus.Jinja.Tests;

/// <summary>The instant render_fixtures.py gives strftime_now: 2026-01-02 03:04:05 UTC.</summary>
internal sealed class FixedTime : TimeProvider
{
    public static readonly FixedTime Instance = new();

    public override DateTimeOffset GetUtcNow() => new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
