using Locus.Core.Errors;

namespace Locus.Llama.Engine;

/// <summary>
/// A bounded queue in front of a model's batch engine: up to <c>slots</c> requests run, up to <c>queueLimit</c> wait
/// (first come, first served), and one more is refused at once with a Retry-After estimated from recent request
/// durations. The engine picks which sequence a request runs on.
/// </summary>
internal sealed class SlotScheduler : IDisposable
{
    private readonly SemaphoreSlim _available;
    private readonly int _queueLimit;
    private readonly TimeProvider _time;
    private readonly int _slotCount;
    private int _waiting;
    private long _averageTicks = TimeSpan.FromSeconds(1).Ticks;

    public SlotScheduler(int slots, int queueLimit, TimeProvider time)
    {
        _available = new SemaphoreSlim(slots, slots);
        _queueLimit = queueLimit;
        _time = time;
        _slotCount = slots;
    }

    /// <summary>Requests waiting for a slot right now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Requests holding a slot right now.</summary>
    public int Running => _slotCount - _available.CurrentCount;

    public int SlotCount => _slotCount;

    public async ValueTask<Lease> AcquireAsync(CancellationToken cancellationToken)
    {
        if (!_available.Wait(0, CancellationToken.None))
        {
            if (Interlocked.Increment(ref _waiting) > _queueLimit)
            {
                Interlocked.Decrement(ref _waiting);
                throw new LocusException(new LocusError(LocusErrorKind.Overloaded,
                    $"the model is busy: {_slotCount} request(s) running and {_queueLimit} waiting. Retry later.",
                    Code: "queue_full", RetryAfter: EstimateWait()));
            }

            try
            {
                await _available.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }

        return new Lease(this, _time.GetTimestamp());
    }

    private TimeSpan EstimateWait()
    {
        var perRequest = TimeSpan.FromTicks(Interlocked.Read(ref _averageTicks));
        var ahead = (Waiting + 1.0) / _slotCount;
        return TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(perRequest.TotalSeconds * ahead)));
    }

    private void Release(long startedAt)
    {
        var took = _time.GetElapsedTime(startedAt).Ticks;
        var average = Interlocked.Read(ref _averageTicks);
        Interlocked.Exchange(ref _averageTicks, (average * 7 + took) / 8);
        _available.Release();
    }

    public void Dispose() => _available.Dispose();

    /// <summary>Holds one slot's admission; disposing gives it back.</summary>
    internal sealed class Lease(SlotScheduler owner, long startedAt) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release(startedAt);
            }
        }
    }
}
