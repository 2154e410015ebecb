namespace Locus.Mesh.Crdt.Text;

public sealed partial class TextDocument
{
    private readonly HashSet<int> _conflicting = [];
    private readonly HashSet<int> _beforeOrigin = [];

    private bool TryApply(TextOp op) => op switch
    {
        TextInsert insert => TryInsert(insert),
        TextDelete delete => TryDelete(delete),
        _ => throw new ArgumentException($"unknown operation {op.GetType().Name}", nameof(op)),
    };

    private bool TryInsert(TextInsert op)
    {
        if (op.Length <= 0 || op.Id.Counter == 0 || op.OriginLeft?.Counter == 0 || op.OriginRight?.Counter == 0)
        {
            throw new ArgumentException("an insert needs a positive length and counters", nameof(op));
        }

        var replica = IndexOf(op.Id.Replica);
        var seen = _seen[replica];
        var end = op.Id.Counter + (ulong)op.Length - 1;
        if (end <= seen)
        {
            return true;
        }

        if (op.Id.Counter > seen + 1)
        {
            return false;
        }

        var skip = (int)(seen + 1 - op.Id.Counter);
        var left = skip > 0 ? new Dot(op.Id.Replica, seen) : op.OriginLeft;
        if (!Integrated(left) || !Integrated(op.OriginRight))
        {
            return false;
        }

        var item = new TextItem
        {
            Replica = replica,
            Counter = seen + 1,
            Length = op.Length - skip,
            Content = -1,
            Deleted = op.Text is null,
            LeftReplica = left is { } l ? IndexOf(l.Replica) : -1,
            LeftCounter = left?.Counter ?? 0,
            RightReplica = op.OriginRight is { } r ? IndexOf(r.Replica) : -1,
            RightCounter = op.OriginRight?.Counter ?? 0,
            NextPiece = -1,
        };
        if (op.Text is not null)
        {
            var start = _contentLength;
            if (AppendContent(op.Text, skip) != op.Length)
            {
                _contentLength = start;
                throw new ArgumentException($"insert says {op.Length} code points but its text has another number", nameof(op));
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
            {
                throw new ArgumentException("a deleted range needs a positive length and counter", nameof(op));
            }

            if (!_replicaIndex.TryGetValue(range.Replica, out var r) || range.Start > _seen[r] || (ulong)range.Length > _seen[r] - range.Start + 1)
            {
                return false;
            }
        }

        foreach (var range in op.Ranges)
        {
            DeleteRange(_replicaIndex[range.Replica], range.Start, range.End);
        }

        return true;
    }

    private void DeleteRange(int replica, ulong start, ulong end)
    {
        var handle = SplitBefore(replica, start);
        while (true)
        {
            if (_items[handle].End > end)
            {
                _items.Split(handle, (int)(end - _items[handle].Counter + 1));
            }

            _items.MarkDeleted(handle);
            if (_items[handle].End >= end)
            {
                return;
            }
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
        {
            _items.Split(handle, (int)(counter - _items[handle].Counter + 1));
        }

        return handle;
    }

    /// <summary>Splits so that character (replica, counter) starts an item; returns that item.</summary>
    private int SplitBefore(int replica, ulong counter)
    {
        var handle = _index.Find(replica, counter);
        return _items[handle].Counter < counter ? _items.Split(handle, (int)(counter - _items[handle].Counter)) : handle;
    }
}
