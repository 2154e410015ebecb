namespace Locus.Mesh.Crdt.Text;

public sealed partial class TextDocument
{
    /// <summary>
    /// What a peer at <paramref name="peer"/> lacks: every run (or the part of it) past its version, then the whole
    /// delete set as id ranges (deletes are state, not events: a grow-only set that is cheap to resend and idempotent).
    /// Runs come in the order this replica stored them, which mostly precedes what depends on them; the receiver
    /// holds back the rest until ready.
    /// </summary>
    public IReadOnlyList<TextOp> Delta(VersionVector peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        var ops = new List<TextOp>();
        for (var handle = 0; handle < _items.ItemCount; handle++)
        {
            ref var item = ref _items[handle];
            var replica = _replicas[item.Replica];
            var peerSeen = peer[replica];
            if (item.End <= peerSeen)
                continue;
            var skip = peerSeen >= item.Counter ? (int)(peerSeen - item.Counter + 1) : 0;
            var left = skip > 0 ? new Dot(replica, item.Counter + (ulong)skip - 1) : DotOf(item.LeftReplica, item.LeftCounter);
            var text = item.Content < 0 ? null : ContentString(item.Content + skip, item.Length - skip);
            ops.Add(new TextInsert(new Dot(replica, item.Counter + (ulong)skip), left, DotOf(item.RightReplica, item.RightCounter), item.Length - skip, text));
        }

        var deleted = DeleteSet();
        if (deleted.Count > 0)
            ops.Add(new TextDelete(deleted));
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
                ranges.Add(new IdRange(_replicas[item.Replica], item.Counter, item.Length));
        }

        ranges.Sort((a, b) => a.Replica != b.Replica ? a.Replica.CompareTo(b.Replica) : a.Start.CompareTo(b.Start));
        var merged = new List<IdRange>(ranges.Count);
        foreach (var range in ranges)
            AddRange(merged, range);
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
            CompactContent();
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
                continue;
            Array.Copy(_content, item.Content, content, length, item.Length);
            item.Content = length;
            length += item.Length;
        }

        _content = content;
        _contentLength = length;
    }

    private string ContentString(int start, int count)
    {
        var text = new System.Text.StringBuilder(count);
        for (var i = 0; i < count; i++)
            AppendCodePoint(text, _content[start + i]);
        return text.ToString();
    }
}
