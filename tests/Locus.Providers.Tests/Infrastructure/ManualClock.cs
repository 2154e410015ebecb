namespace Locus.Providers.Tests.Infrastructure;

/// <summary>
/// A clock the test moves by hand, for the circuit breaker's break duration. Timers (timeouts, retry delays)
/// still run on real time: only "what time is it" is faked.
/// </summary>
internal sealed class ManualClock : TimeProvider
{
    private long ticks = DateTimeOffset.UnixEpoch.AddYears(55).UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
}
