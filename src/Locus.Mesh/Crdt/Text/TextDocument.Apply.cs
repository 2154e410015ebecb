namespace Locus.Mesh.Crdt.Text;

public sealed partial class TextDocument
{
    // Operations waiting for a replica to reach a counter (their first missing dependency), by replica index.
    private readonly Dictionary<int, PriorityQueue<TextOp, ulong>> _waiting = [];
    private readonly Stack<int> _advanced = new();

    /// <summary>Operations received before what they depend on; applied as soon as it arrives.</summary>
    public int PendingCount { get; private set; }

    /// <summary>
    /// Applies a peer's operation. Duplicates (or parts already seen) are ignored; an operation whose origins or
    /// targets have not arrived yet waits, indexed by what it lacks, and is applied once that arrives.
    /// </summary>
    public void Apply(TextOp op)
    {
        ArgumentNullException.ThrowIfNull(op);
        if (TryApply(op))
        {
            WakeWaiting();
        }
        else
        {
            Wait(op);
        }
    }

    public void ApplyAll(IEnumerable<TextOp> ops)
    {
        ArgumentNullException.ThrowIfNull(ops);
        foreach (var op in ops)
        {
            Apply(op);
        }
    }

    private void Wait(TextOp op)
    {
        var (replica, counter) = FirstMissing(op);
        if (!_waiting.TryGetValue(replica, out var queue))
        {
            _waiting[replica] = queue = new PriorityQueue<TextOp, ulong>();
        }

        queue.Enqueue(op, counter);
        PendingCount++;
    }

    /// <summary>Retries what waited on replicas that have advanced; each retry either applies or waits on something later.</summary>
    private void WakeWaiting()
    {
        while (_advanced.TryPop(out var replica))
        {
            if (!_waiting.TryGetValue(replica, out var queue))
            {
                continue;
            }

            while (queue.TryPeek(out var op, out var counter) && counter <= _seen[replica])
            {
                queue.Dequeue();
                PendingCount--;
                if (!TryApply(op))
                {
                    Wait(op);
                }
            }
        }
    }

    /// <summary>The first (replica, counter) an operation that cannot apply yet needs.</summary>
    private (int Replica, ulong Counter) FirstMissing(TextOp op)
    {
        if (op is TextDelete delete)
        {
            foreach (var range in delete.Ranges)
            {
                var r = IndexOf(range.Replica);
                if (range.End > _seen[r])
                {
                    return (r, range.End);
                }
            }
        }
        else if (op is TextInsert insert)
        {
            var r = IndexOf(insert.Id.Replica);
            if (insert.Id.Counter > _seen[r] + 1)
            {
                return (r, insert.Id.Counter - 1);
            }
            // Mirrors TryInsert: the left origin only matters when no part of the run has been seen.
            if (insert.Id.Counter == _seen[r] + 1 && insert.OriginLeft is { } left && !Integrated(left))
            {
                return (IndexOf(left.Replica), left.Counter);
            }

            if (insert.OriginRight is { } right && !Integrated(right))
            {
                return (IndexOf(right.Replica), right.Counter);
            }
        }

        throw new InvalidOperationException("operation was ready");
    }
}
