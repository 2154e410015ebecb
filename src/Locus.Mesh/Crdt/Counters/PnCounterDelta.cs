using Locus.Mesh.Crdt.Sync;
using Locus.Mesh.Encoding;

namespace Locus.Mesh.Crdt.Counters;

/// <summary>One replica's share of a PN-counter: how many operations it made and its increment and decrement totals.</summary>
public readonly record struct PnCounterEntry(ReplicaId Replica, ulong Operations, ulong Increments, ulong Decrements);

/// <summary>The entries of replicas the peer has seen fewer operations of.</summary>
public sealed record PnCounterDelta(IReadOnlyList<PnCounterEntry> Entries);

/// <summary>Entries in replica order (strictly ascending: canonical, no replica twice).</summary>
public sealed class PnCounterDeltaCodec : IDeltaCodec<PnCounterDelta>
{
    public static PnCounterDeltaCodec Instance { get; } = new();

    public void Write(VarWriter writer, PnCounterDelta delta)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(delta);
        writer.UInt((ulong)delta.Entries.Count);
        foreach (var entry in delta.Entries.OrderBy(e => e.Replica))
        {
            writer.Fixed64(entry.Replica.Value).UInt(entry.Operations).UInt(entry.Increments).UInt(entry.Decrements);
        }
    }

    public PnCounterDelta Read(ref VarReader reader)
    {
        var count = reader.Count(1 << 20);
        var entries = new List<PnCounterEntry>(Math.Min(count, 1024));
        for (var i = 0; i < count; i++)
        {
            var entry = new PnCounterEntry(new ReplicaId(reader.Fixed64()), reader.UInt(), reader.UInt(), reader.UInt());
            if (entry.Operations == 0)
            {
                throw new FormatException($"counter entry {i} has no operations");
            }

            if (i > 0 && entries[^1].Replica >= entry.Replica)
            {
                throw new FormatException($"counter replicas out of order at entry {i}");
            }

            entries.Add(entry);
        }

        return new PnCounterDelta(entries);
    }
}
