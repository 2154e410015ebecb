namespace Locus.Mesh.Crdt.Text;

public sealed partial class TextDocument
{
    /// <summary>
    /// What a peer at <paramref name="peer"/> lacks: every run (or the part of it) past its version, in document order
    /// with adjacent pieces of one run merged again, then the whole delete set as id ranges (deletes are state, not
    /// events: a grow-only set that is cheap to resend and idempotent). The receiver holds back what comes before its
    /// origins.
    /// </summary>
    public IReadOnlyList<TextOp> Delta(VersionVector peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        var ops = new List<TextOp>();
        var peerSeen = new ulong[_replicas.Count];
        for (var r = 0; r < peerSeen.Length; r++)
        {
            peerSeen[r] = peer[_replicas[r]];
        }

        var run = new PendingRun(this);
        foreach (var handle in _items.InOrder())
        {
            ref var item = ref _items[handle];
            if (item.End <= peerSeen[item.Replica])
            {
                continue;
            }

            var skip = peerSeen[item.Replica] >= item.Counter ? (int)(peerSeen[item.Replica] - item.Counter + 1) : 0;
            if (!run.TryExtend(item, skip))
            {
                run.FlushTo(ops);
                run.Start(item, skip);
            }
        }

        run.FlushTo(ops);
        var deleted = DeleteSet();
        if (deleted.Count > 0)
        {
            ops.Add(new TextDelete(deleted));
        }

        return ops;
    }

    /// <summary>Every deleted character as ranges, merged, by replica id then counter.</summary>
    public IReadOnlyList<IdRange> DeleteSet()
    {
        var ranges = new List<IdRange>();
        for (var handle = 0; handle < _items.ItemCount; handle++)
        {
            ref var item = ref _items[handle];
            if (item.Deleted)
            {
                ranges.Add(new IdRange(_replicas[item.Replica], item.Counter, item.Length));
            }
        }

        ranges.Sort((a, b) => a.Replica != b.Replica ? a.Replica.CompareTo(b.Replica) : a.Start.CompareTo(b.Start));
        var merged = new List<IdRange>(ranges.Count);
        foreach (var range in ranges)
        {
            AddRange(merged, range);
        }

        return merged;
    }

    /// <summary>
    /// Drops the content of deleted characters whose insert every peer has seen (<paramref name="common"/>, the
    /// pointwise minimum of the peers' versions). The tombstone keeps its ids and origins, which is all ordering needs.
    /// Returns the code points dropped. Content still referenced by live items is compacted away from memory too.
    /// </summary>
    public int CollectGarbage(VersionVector common)
    {
        ArgumentNullException.ThrowIfNull(common);
        var dropped = 0;
        for (var handle = 0; handle < _items.ItemCount; handle++)
        {
            ref var item = ref _items[handle];
            if (item.Deleted && item.Content >= 0 && common.Includes(new Dot(_replicas[item.Replica], item.End)))
            {
                item.Content = -1;
                dropped += item.Length;
            }
        }

        if (dropped > 0)
        {
            CompactContent();
        }

        return dropped;
    }

    private void CompactContent()
    {
        var content = new int[Math.Max(1024, _contentLength)];
        var length = 0;
        foreach (var handle in _items.InOrder())
        {
            ref var item = ref _items[handle];
            if (item.Content < 0)
            {
                continue;
            }

            Array.Copy(_content, item.Content, content, length, item.Length);
            item.Content = length;
            length += item.Length;
        }

        _content = content;
        _contentLength = length;
    }


    /// <summary>Adjacent pieces being merged back into one insert for a delta.</summary>
    private sealed class PendingRun(TextDocument document)
    {
        private readonly System.Text.StringBuilder _text = new();
        private TextItem _first;
        private int _length;
        private bool _hasText;
        private bool _open;

        public bool TryExtend(in TextItem item, int skip)
        {
            if (!_open || skip > 0 || item.Replica != _first.Replica || item.Counter != _first.Counter + (ulong)_length
                || item.LeftReplica != item.Replica || item.LeftCounter != item.Counter - 1
                || item.RightReplica != _first.RightReplica || item.RightCounter != _first.RightCounter || (item.Content >= 0) != _hasText)
            {
                return false;
            }

            Append(item, 0);
            return true;
        }

        public void Start(in TextItem item, int skip)
        {
            _first = item;
            _first.Counter += (ulong)skip;
            if (skip > 0)
            {
                (_first.LeftReplica, _first.LeftCounter) = (item.Replica, _first.Counter - 1);
            }

            _length = 0;
            _hasText = item.Content >= 0;
            _text.Clear();
            _open = true;
            Append(item, skip);
        }

        public void FlushTo(List<TextOp> ops)
        {
            if (!_open)
            {
                return;
            }

            _open = false;
            ops.Add(new TextInsert(new Dot(document._replicas[_first.Replica], _first.Counter), document.DotOf(_first.LeftReplica, _first.LeftCounter),
                document.DotOf(_first.RightReplica, _first.RightCounter), _length, _hasText ? _text.ToString() : null));
        }

        private void Append(in TextItem item, int skip)
        {
            _length += item.Length - skip;
            for (var i = skip; _hasText && i < item.Length; i++)
            {
                AppendCodePoint(_text, document._content[item.Content + i]);
            }
        }
    }
}
