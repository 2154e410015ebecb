namespace Locus.Mesh.Tests.Clocks;

/// <summary>A physical clock the test sets by hand — including backwards, as NTP or a user can.</summary>
internal sealed class ManualClock(long startMs = 1_790_000_000_000) : TimeProvider
{
    public long NowMs { get; set; } = startMs;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(NowMs);

    public void Advance(long ms) => NowMs += ms;
}
