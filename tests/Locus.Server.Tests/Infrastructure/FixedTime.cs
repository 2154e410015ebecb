namespace Locus.Server.Tests.Infrastructure;

/// <summary>A clock stopped at one instant, so "created" fields can be asserted exactly.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public static readonly DateTimeOffset Instant = DateTimeOffset.FromUnixTimeSeconds(1_750_000_000);

    public FixedTime()
        : this(Instant)
    {
    }

    public override DateTimeOffset GetUtcNow() => now;
}
