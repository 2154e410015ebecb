using System.Text;
using Locus.Mesh.Encoding;

namespace Locus.Mesh.Crdt.Text;

/// <summary>Encoding of the whole document; the layout is described in docs/mesh.md ("Text CRDT").</summary>
public sealed partial class TextDocument
{
    internal const ulong FormatVersion = 1;

    /// <summary>
    /// The document in a compact binary form, identical on every replica that has integrated the same operations
    /// (and collected the same tombstones): runs in document order, merged as far as their ids and origins allow, each
    /// origin written as "the run just before/after", "as the previous run's", "k runs away" or, rarely, an explicit
    /// id; then the content of every run not collected as one UTF-8 block.
    /// </summary>
    public byte[] Encode()
    {
        var order = SortedReplicas();
        var runs = CanonicalRuns();
        var writer = new VarWriter(runs.Count * 4 + _contentLength + 64);
        writer.Byte((byte)'L').Byte((byte)'T').UInt(FormatVersion).UInt((ulong)order.Count);
        foreach (var replica in order)
        {
            writer.Fixed64(_replicas[replica].Value);
        }

        var rank = new int[_replicas.Count];
        for (var i = 0; i < order.Count; i++)
        {
            rank[order[i]] = i;
        }

        var starts = new Dictionary<(int, ulong), int>(runs.Count);
        var ends = new Dictionary<(int, ulong), int>(runs.Count);
        for (var i = 0; i < runs.Count; i++)
        {
            starts[(runs[i].Replica, runs[i].Counter)] = i;
            ends[(runs[i].Replica, runs[i].End)] = i;
        }

        var nextCounter = new ulong[_replicas.Count];
        Array.Fill(nextCounter, 1UL);
        writer.UInt((ulong)runs.Count);
        for (var i = 0; i < runs.Count; i++)
        {
            var run = runs[i];
            var previous = i > 0 ? runs[i - 1] : default;
            var left = run.LeftReplica < 0 ? (RunHeader.None, 0)
                : ends.TryGetValue((run.LeftReplica, run.LeftCounter), out var l) && l < i ? OriginMode(i - l, i > 0 && previous.LeftReplica == run.LeftReplica && previous.LeftCounter == run.LeftCounter)
                : (RunHeader.Explicit, 0);
            var right = run.RightReplica < 0 ? (RunHeader.None, 0)
                : starts.TryGetValue((run.RightReplica, run.RightCounter), out var r) && r > i ? OriginMode(r - i, i > 0 && previous.RightReplica == run.RightReplica && previous.RightCounter == run.RightCounter)
                : (RunHeader.Explicit, 0);
            var state = run.Content < 0 ? RunHeader.Collected : run.Deleted ? RunHeader.Deleted : RunHeader.Visible;
            RunHeader.Write(writer, state, left.Item1, right.Item1, i > 0 && previous.Replica == run.Replica, run.Length, rank[run.Replica]);
            WriteOrigin(writer, left, run.LeftReplica, run.LeftCounter, rank);
            WriteOrigin(writer, right, run.RightReplica, run.RightCounter, rank);
            // Counters are small after the left origin when it is the same replica's (typing on, after a pause).
            var basis = run.LeftReplica == run.Replica ? run.LeftCounter + 1 : nextCounter[run.Replica];
            writer.Int((long)(run.Counter - basis));
            nextCounter[run.Replica] = run.End + 1;
        }

        WriteContent(writer);
        return writer.ToArray();
    }

    private static (int Mode, int Distance) OriginMode(int distance, bool asPrevious) =>
        distance == 1 ? (RunHeader.Adjacent, 1) : asPrevious ? (RunHeader.AsPrevious, 0) : (RunHeader.RunsAway, distance);

    private static void WriteOrigin(VarWriter writer, (int Mode, int Distance) origin, int replica, ulong counter, int[] rank)
    {
        if (origin.Mode == RunHeader.RunsAway)
        {
            writer.UInt((ulong)origin.Distance - 2);
        }
        else if (origin.Mode == RunHeader.Explicit)
        {
            writer.UInt((ulong)rank[replica]).UInt(counter);
        }
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
                {
                    bytes.Add(utf8[b]);
                }
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
