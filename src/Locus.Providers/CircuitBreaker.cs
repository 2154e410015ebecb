using Locus.Core.Abstractions;
using Locus.Core.Errors;
using Microsoft.Extensions.Logging;

namespace Locus.Providers;

/// <summary>
/// Opens after N consecutive failed calls to one target, fails calls fast for the break duration, then lets one
/// trial call through (half-open): its success closes the circuit, its failure opens it again.
/// </summary>
/// <remarks>
/// Hand-written rather than Polly's breaker: Polly v8 only breaks on a failure ratio over a sampling window, while
/// the contract here is "N consecutive failures", and the health report needs the time left until the trial.
/// </remarks>
internal sealed class CircuitBreaker(int threshold, TimeSpan breakDuration, TimeProvider time, Failures failures, ILogger logger, string target)
    : ITargetHealth
{
    private readonly Lock gate = new();
    private int consecutiveFailures;
    private DateTimeOffset? openUntil;
    private bool trialInFlight;

    public TargetHealthState Current
    {
        get
        {
            lock (gate)
            {
                if (openUntil is not { } until)
                {
                    return TargetHealthState.Healthy;
                }

                var left = until - time.GetUtcNow();
                if (left > TimeSpan.Zero)
                {
                    return new(false, $"circuit open after {consecutiveFailures} consecutive failures; retry in {Math.Ceiling(left.TotalSeconds)} s");
                }

                return trialInFlight ? new(false, "circuit half-open; a trial call is in flight") : TargetHealthState.Healthy;
            }
        }
    }

    /// <summary>Admits a call, or throws Unavailable while the circuit is open (or its one trial call is running).</summary>
    public void Enter()
    {
        lock (gate)
        {
            if (openUntil is not { } until)
            {
                return;
            }

            var left = until - time.GetUtcNow();
            if (left <= TimeSpan.Zero && !trialInFlight)
            {
                trialInFlight = true;
                Log.CircuitHalfOpen(logger, target);
                return;
            }

            Log.CircuitRejected(logger, target);
            throw new LocusException(failures.CircuitOpen(consecutiveFailures, left > TimeSpan.Zero ? left : breakDuration));
        }
    }

    /// <summary>Records how an admitted call ended. Errors that are the request's fault say nothing about the target.</summary>
    public void Exit(LocusError? error)
    {
        if (error is { Kind: LocusErrorKind.Unavailable or LocusErrorKind.UpstreamFailed or LocusErrorKind.UpstreamTimeout or LocusErrorKind.Overloaded })
        {
            Failure();
        }
        else
        {
            Success();
        }
    }

    /// <summary>A call that ended without a verdict (the caller cancelled): frees the trial slot, changes nothing else.</summary>
    public void Abandon()
    {
        lock (gate)
        {
            trialInFlight = false;
        }
    }

    private void Success()
    {
        lock (gate)
        {
            var wasOpen = openUntil is not null;
            consecutiveFailures = 0;
            openUntil = null;
            trialInFlight = false;
            if (wasOpen)
            {
                Log.CircuitClosed(logger, target);
            }
        }
    }

    private void Failure()
    {
        lock (gate)
        {
            consecutiveFailures++;
            var trialFailed = trialInFlight;
            trialInFlight = false;
            if (threshold <= 0 || (!trialFailed && consecutiveFailures < threshold))
            {
                return;
            }

            openUntil = time.GetUtcNow() + breakDuration;
            Log.CircuitOpened(logger, target, consecutiveFailures, breakDuration.TotalSeconds);
        }
    }
}
