using System.Text;
using Locus.Mesh.Encoding;

namespace Locus.Mesh.Crdt.Text;

/// <summary>Encoding of the whole document; the layout is described in docs/mesh.md ("Text CRDT").</summary>
public sealed partial class TextDocument
{
    internal const ulong FormatVersion = 1;
    internal const byte FlagDeleted = 1, FlagCollected = 2, FlagLeftIsPrevious = 4, FlagLeftNone = 8,
        FlagRightIsNext = 16, FlagRightNone = 32, FlagSameReplica = 64;

    /// <summary>
    /// The document in a compact binary form, identical on every replica that has integrated the same operations
    /// (and collected the same tombstones): runs in document order, merged as far as their ids and origins allow,
    /// then the content as one UTF-8 block.
    /// </summary>
    public byte[] Encode()
    {
        var order = SortedReplicas();
        var runs = CanonicalRuns();
        var writer = new VarWriter(runs.Count * 4 + _contentLength + 64);
        writer.Byte((byte)'L').Byte((byte)'T').UInt(FormatVersion).UInt((ulong)order.Count);
        foreach (var replica in order)
            writer.Fixed64(_replicas[replica].Value);
        var rank = new int[_replicas.Count];
        for (var i = 0; i < order.Count; i++)
            rank[order[i]] = i;

        var nextCounter = new ulong[_replicas.Count];
        Array.Fill(nextCounter, 1UL);
        writer.UInt((ulong)runs.Count);
        for (var i = 0; i < runs.Count; i++)
            WriteRun(writer, runs, i, rank, nextCounter);
        WriteContent(writer);
        return writer.ToArray();
    }

    private static void WriteRun(VarWriter writer, List<TextItem> runs, int i, int[] rank, ulong[] nextCounter)
    {
        var run = runs[i];
        var flags = (byte)((run.Deleted ? FlagDeleted : 0) | (run.Content < 0 ? FlagCollected : 0));
        if (run.LeftReplica < 0)
            flags |= FlagLeftNone;
        else if (i > 0 && runs[i - 1].Replica == run.LeftReplica && runs[i - 1].End == run.LeftCounter)
            flags |= FlagLeftIsPrevious;
        if (run.RightReplica < 0)
            flags |= FlagRightNone;
        else if (i + 1 < runs.Count && runs[i + 1].Replica == run.RightReplica && runs[i + 1].Counter == run.RightCounter)
            flags |= FlagRightIsNext;
        if (i > 0 && runs[i - 1].Replica == run.Replica)
            flags |= FlagSameReplica;

        writer.Byte(flags);
        if ((flags & FlagSameReplica) == 0)
            writer.UInt((ulong)rank[run.Replica]);
        writer.Int((long)(run.Counter - nextCounter[run.Replica]));
        nextCounter[run.Replica] = run.End + 1;
        writer.UInt((ulong)run.Length);
        if ((flags & (FlagLeftNone | FlagLeftIsPrevious)) == 0)
            writer.UInt((ulong)rank[run.LeftReplica]).Int((long)(run.LeftCounter - run.Counter));
        if ((flags & (FlagRightNone | FlagRightIsNext)) == 0)
            writer.UInt((ulong)rank[run.RightReplica]).Int((long)(run.RightCounter - run.Counter));
    }

    private void WriteContent(VarWriter writer)
    {
        var bytes = new List<byte>(_contentLength + 16);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var handle in _items.InOrder())
        {
            ref var item = ref _items[handle];
            for (var i = 0; item.Content >= 0 && i < item.Length; i++)
            {
                var codePoint = _content[item.Content + i];
                if (codePoint < 0x80)
                {
                    bytes.Add((byte)codePoint);
                    continue;
                }

                var written = new Rune(codePoint).EncodeToUtf8(utf8);
                for (var b = 0; b < written; b++)
                    bytes.Add(utf8[b]);
            }
        }

        writer.Bytes(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes));
    }

    /// <summary>Items in order, adjacent ones merged whenever each character's id, origins and state allow.</summary>
    private List<TextItem> CanonicalRuns()
    {
        var runs = new List<TextItem>(_items.ItemCount);
        foreach (var handle in _items.InOrder())
        {
            var item = _items[handle];
            if (runs.Count > 0)
            {
                var last = runs[^1];
                if (last.Replica == item.Replica && last.End + 1 == item.Counter && item.LeftReplica == item.Replica
                    && item.LeftCounter == last.End && last.RightReplica == item.RightReplica && last.RightCounter == item.RightCounter
                    && last.Deleted == item.Deleted && (last.Content < 0) == (item.Content < 0))
                {
                    last.Length += item.Length;
                    runs[^1] = last;
                    continue;
                }
            }

            runs.Add(item);
        }

        return runs;
    }

    private List<int> SortedReplicas()
    {
        var order = Enumerable.Range(0, _replicas.Count).Where(r => _seen[r] > 0).ToList();
        order.Sort((a, b) => _replicas[a].CompareTo(_replicas[b]));
        return order;
    }
}
