using Locus.Core.Errors;
using Locus.Providers.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Locus.Providers.Tests.Units;

public sealed class CircuitBreakerTests
{
    private static readonly LocusError Down = new(LocusErrorKind.Unavailable, "down");

    private readonly ManualClock clock = new();

    [Fact]
    public void HalfOpen_LetsExactlyOneTrialThrough()
    {
        var breaker = Breaker(threshold: 1);
        breaker.Enter();
        breaker.Exit(Down);
        clock.Advance(TimeSpan.FromSeconds(11));

        breaker.Enter(); // the trial
        var second = Assert.Throws<LocusException>(breaker.Enter);

        Assert.Equal("circuit_open", second.Error.Code);
        Assert.False(breaker.Current.Available);
        Assert.Contains("trial", breaker.Current.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void HalfOpen_TrialAbandoned_NextCallMayTry()
    {
        var breaker = Breaker(threshold: 1);
        breaker.Enter();
        breaker.Exit(Down);
        clock.Advance(TimeSpan.FromSeconds(11));
        breaker.Enter();

        breaker.Abandon();

        breaker.Enter();
        breaker.Exit(null);
        Assert.True(breaker.Current.Available);
    }

    [Fact]
    public void Success_ResetsTheConsecutiveCount()
    {
        var breaker = Breaker(threshold: 3);
        for (var i = 0; i < 10; i++)
        {
            breaker.Enter();
            breaker.Exit(i % 3 == 2 ? null : Down); // never three failures in a row
        }

        Assert.True(breaker.Current.Available);
    }

    [Fact]
    public void Open_ReasonCountsDownTheBreak()
    {
        var breaker = Breaker(threshold: 2);
        for (var i = 0; i < 2; i++)
        {
            breaker.Enter();
            breaker.Exit(Down);
        }

        clock.Advance(TimeSpan.FromSeconds(4));

        Assert.Equal("circuit open after 2 consecutive failures; retry in 6 s", breaker.Current.Reason);
    }

    [Fact]
    public void ThresholdZero_NeverOpens()
    {
        var breaker = Breaker(threshold: 0);
        for (var i = 0; i < 20; i++)
        {
            breaker.Enter();
            breaker.Exit(Down);
        }

        Assert.True(breaker.Current.Available);
    }

    private CircuitBreaker Breaker(int threshold) =>
        new(threshold, TimeSpan.FromSeconds(10), clock, new Failures(ErrorBodyTests.Options()), NullLogger.Instance, "unit");
}
