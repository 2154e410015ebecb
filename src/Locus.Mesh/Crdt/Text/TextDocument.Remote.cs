namespace Locus.Mesh.Crdt.Text;

public sealed partial class TextDocument
{
    // Operations waiting for a replica to reach a counter (their first missing dependency), by replica index.
    private readonly Dictionary<int, PriorityQueue<TextOp, ulong>> _waiting = [];
    private readonly Stack<int> _advanced = new();
    private readonly HashSet<int> _conflicting = [];
    private readonly HashSet<int> _beforeOrigin = [];

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
            WakeWaiting();
        else
            Wait(op);
    }

    public void ApplyAll(IEnumerable<TextOp> ops)
    {
        ArgumentNullException.ThrowIfNull(ops);
        foreach (var op in ops)
            Apply(op);
    }

    private void Wait(TextOp op)
    {
        var (replica, counter) = FirstMissing(op);
        if (!_waiting.TryGetValue(replica, out var queue))
            _waiting[replica] = queue = new PriorityQueue<TextOp, ulong>();
        queue.Enqueue(op, counter);
        PendingCount++;
    }

    /// <summary>Retries what waited on replicas that have advanced; each retry either applies or waits on something later.</summary>
    private void WakeWaiting()
    {
        while (_advanced.TryPop(out var replica))
        {
            if (!_waiting.TryGetValue(replica, out var queue))
                continue;
            while (queue.TryPeek(out var op, out var counter) && counter <= _seen[replica])
            {
                queue.Dequeue();
                PendingCount--;
                if (!TryApply(op))
                    Wait(op);
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
                    return (r, range.End);
            }
        }
        else if (op is TextInsert insert)
        {
            var r = IndexOf(insert.Id.Replica);
            if (insert.Id.Counter > _seen[r] + 1)
                return (r, insert.Id.Counter - 1);
            // Mirrors TryInsert: the left origin only matters when no part of the run has been seen.
            if (insert.Id.Counter == _seen[r] + 1 && insert.OriginLeft is { } left && !Integrated(left))
                return (IndexOf(left.Replica), left.Counter);
            if (insert.OriginRight is { } right && !Integrated(right))
                return (IndexOf(right.Replica), right.Counter);
        }

        throw new InvalidOperationException("operation was ready");
    }

    private bool TryApply(TextOp op) => op switch
    {
        TextInsert insert => TryInsert(insert),
        TextDelete delete => TryDelete(delete),
        _ => throw new ArgumentException($"unknown operation {op.GetType().Name}", nameof(op)),
    };

    private bool TryInsert(TextInsert op)
    {
        if (op.Length <= 0 || op.Id.Counter == 0 || op.OriginLeft?.Counter == 0 || op.OriginRight?.Counter == 0)
            throw new ArgumentException("an insert needs a positive length and counters", nameof(op));
        var replica = IndexOf(op.Id.Replica);
        var seen = _seen[replica];
        var end = op.Id.Counter + (ulong)op.Length - 1;
        if (end <= seen)
            return true;
        if (op.Id.Counter > seen + 1)
            return false;
        var skip = (int)(seen + 1 - op.Id.Counter);
        var left = skip > 0 ? new Dot(op.Id.Replica, seen) : op.OriginLeft;
        if (!Integrated(left) || !Integrated(op.OriginRight))
            return false;

        var item = new TextItem
        {
            Replica = replica, Counter = seen + 1, Length = op.Length - skip, Content = -1, Deleted = op.Text is null,
            LeftReplica = left is { } l ? IndexOf(l.Replica) : -1, LeftCounter = left?.Counter ?? 0,
            RightReplica = op.OriginRight is { } r ? IndexOf(r.Replica) : -1, RightCounter = op.OriginRight?.Counter ?? 0,
            NextPiece = -1,
        };
        if (op.Text is not null)
        {
            var start = _contentLength;
            if (AppendContent(op.Text, skip) != op.Length)
            {
                _contentLength = start;
                throw new ArgumentException($"insert of {op.Length} code points carries {op.Text.Length} UTF-16 units of another length", nameof(op));
            }

            item.Content = start;
        }

        Integrate(item);
        _seen[replica] = end;
        _advanced.Push(replica);
        return true;
    }

    private bool Integrated(Dot? dot) => dot is not { } d || (_replicaIndex.TryGetValue(d.Replica, out var r) && d.Counter >= 1 && d.Counter <= _seen[r]);

    /// <summary>YATA: place the item between its origins, after concurrent items that sort before it.</summary>
    private void Integrate(TextItem item)
    {
        var left = item.LeftReplica < 0 ? -1 : SplitAfter(item.LeftReplica, item.LeftCounter);
        var right = item.RightReplica < 0 ? -1 : SplitBefore(item.RightReplica, item.RightCounter);
        var other = left < 0 ? _items.First() : _items.Next(left);
        if (other != right)
        {
            _conflicting.Clear();
            _beforeOrigin.Clear();
            var id = _replicas[item.Replica].Value;
            while (other >= 0 && other != right)
            {
                _beforeOrigin.Add(other);
                _conflicting.Add(other);
                ref var o = ref _items[other];
                if (o.LeftReplica == item.LeftReplica && (o.LeftReplica < 0 || o.LeftCounter == item.LeftCounter))
                {
                    // Same left origin: the lower replica id goes first; stop before one with our right origin too.
                    if (_replicas[o.Replica].Value < id)
                    {
                        left = other;
                        _conflicting.Clear();
                    }
                    else if (o.RightReplica == item.RightReplica && (o.RightReplica < 0 || o.RightCounter == item.RightCounter))
                    {
                        break;
                    }
                }
                else if (o.LeftReplica >= 0 && _beforeOrigin.Contains(_index.Find(o.LeftReplica, o.LeftCounter)))
                {
                    // Its origin lies in the scanned range: it belongs to a concurrent insert we go after, unless
                    // that origin is among the items we would still go before.
                    if (!_conflicting.Contains(_index.Find(o.LeftReplica, o.LeftCounter)))
                    {
                        left = other;
                        _conflicting.Clear();
                    }
                }
                else
                {
                    break;
                }

                other = _items.Next(other);
            }
        }

        var handle = _items.Add(item);
        _items.InsertAfter(left, handle);
        _index.Register(item.Replica, handle);
    }

    private bool TryDelete(TextDelete op)
    {
        foreach (var range in op.Ranges)
        {
            if (range.Length <= 0 || range.Start == 0)
                throw new ArgumentException("a deleted range needs a positive length and counter", nameof(op));
            if (!_replicaIndex.TryGetValue(range.Replica, out var r) || range.Start > _seen[r] || (ulong)range.Length > _seen[r] - range.Start + 1)
                return false;
        }

        foreach (var range in op.Ranges)
            DeleteRange(_replicaIndex[range.Replica], range.Start, range.End);
        return true;
    }

    private void DeleteRange(int replica, ulong start, ulong end)
    {
        var handle = SplitBefore(replica, start);
        while (true)
        {
            if (_items[handle].End > end)
                _items.Split(handle, (int)(end - _items[handle].Counter + 1));
            _items.MarkDeleted(handle);
            if (_items[handle].End >= end)
                return;
            // The next counters: a split piece of this run, or a run integrated separately.
            var next = _items[handle].NextPiece;
            handle = next >= 0 ? next : _index.Find(replica, _items[handle].End + 1);
        }
    }

    /// <summary>Splits so that character (replica, counter) ends an item; returns that item.</summary>
    private int SplitAfter(int replica, ulong counter)
    {
        var handle = _index.Find(replica, counter);
        if (_items[handle].End > counter)
            _items.Split(handle, (int)(counter - _items[handle].Counter + 1));
        return handle;
    }

    /// <summary>Splits so that character (replica, counter) starts an item; returns that item.</summary>
    private int SplitBefore(int replica, ulong counter)
    {
        var handle = _index.Find(replica, counter);
        return _items[handle].Counter < counter ? _items.Split(handle, (int)(counter - _items[handle].Counter)) : handle;
    }
}
