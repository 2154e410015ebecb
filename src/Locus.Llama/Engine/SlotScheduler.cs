using System.Collections.Concurrent;
using Locus.Core.Errors;

namespace Locus.Llama.Engine;

/// <summary>
/// A bounded queue in front of a model's slots: up to <c>slots</c> requests run, up to <c>queueLimit</c> wait, and one
/// more is refused at once with a Retry-After estimated from recent request durations.
/// </summary>
internal sealed class SlotScheduler : IDisposable
{
    private readonly ConcurrentStack<LlamaSlot> _idle;
    private readonly SemaphoreSlim _available;
    private readonly int _queueLimit;
    private readonly TimeProvider _time;
    private readonly int _slotCount;
    private int _waiting;
    private long _averageTicks = TimeSpan.FromSeconds(1).Ticks;

    public SlotScheduler(IReadOnlyList<LlamaSlot> slots, int queueLimit, TimeProvider time)
    {
        _idle = new ConcurrentStack<LlamaSlot>(slots);
        _available = new SemaphoreSlim(slots.Count, slots.Count);
        _queueLimit = queueLimit;
        _time = time;
        _slotCount = slots.Count;
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

        _idle.TryPop(out var slot);
        return new Lease(this, slot!, _time.GetTimestamp());
    }

    private TimeSpan EstimateWait()
    {
        var perRequest = TimeSpan.FromTicks(Interlocked.Read(ref _averageTicks));
        var ahead = (Waiting + 1.0) / _slotCount;
        return TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(perRequest.TotalSeconds * ahead)));
    }

    private void Release(LlamaSlot slot, long startedAt)
    {
        var took = _time.GetElapsedTime(startedAt).Ticks;
        var average = Interlocked.Read(ref _averageTicks);
        Interlocked.Exchange(ref _averageTicks, (average * 7 + took) / 8);
        _idle.Push(slot);
        _available.Release();
    }

    /// <summary>Takes every slot (waiting for running requests to finish), so nothing runs on them any more.</summary>
    public bool Drain(TimeSpan timeout)
    {
        for (var i = 0; i < _slotCount; i++)
        {
            if (!_available.Wait(timeout))
            {
                return false;
            }
        }

        return true;
    }

    public void Dispose() => _available.Dispose();

    /// <summary>Holds one slot; disposing gives it back.</summary>
    internal sealed class Lease(SlotScheduler owner, LlamaSlot slot, long startedAt) : IDisposable
    {
        private int _released;

        public LlamaSlot Slot { get; } = slot;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release(Slot, startedAt);
            }
        }
    }
}
