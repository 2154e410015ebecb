namespace Locus.Ledger.Tests.Infrastructure;

/// <summary>A clock the test moves by hand, to cross UTC day boundaries on demand.</summary>
internal sealed class ManualTime(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Set(DateTimeOffset now) => _now = now;

    public void Advance(TimeSpan by) => _now += by;
}
