using Locus.Mesh.Crdt.Sync;
using Locus.Mesh.Encoding;

namespace Locus.Mesh.Crdt.Registers;

/// <summary>The sender's version vector and its entries (values and tombstones) whose writes the peer lacks.</summary>
public sealed record LwwMapDelta<T>(VersionVector Context, IReadOnlyList<KeyValuePair<string, LwwEntry<T>>> Entries);

/// <summary>Context, then entries in ordinal key order (strictly ascending: canonical, and no key twice).</summary>
public sealed class LwwMapDeltaCodec<T>(IValueCodec<T> values) : IDeltaCodec<LwwMapDelta<T>>
{
    public void Write(VarWriter writer, LwwMapDelta<T> delta)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(delta);
        delta.Context.WriteTo(writer);
        var replicas = new ReplicaTable(delta.Context);
        writer.UInt((ulong)delta.Entries.Count);
        foreach (var (key, entry) in delta.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            writer.String(key);
            entry.WriteTo(writer, replicas, values);
        }
    }

    public LwwMapDelta<T> Read(ref VarReader reader)
    {
        var context = VersionVector.ReadFrom(ref reader);
        var replicas = new ReplicaTable(context);
        var count = reader.Count(1 << 24);
        var entries = new List<KeyValuePair<string, LwwEntry<T>>>(Math.Min(count, 1024));
        string? previous = null;
        for (var i = 0; i < count; i++)
        {
            var key = reader.String();
            if (previous is not null && string.CompareOrdinal(previous, key) >= 0)
            {
                throw new FormatException($"map keys out of order at entry {i}");
            }

            entries.Add(new(key, LwwEntry<T>.ReadFrom(ref reader, replicas, values)));
            previous = key;
        }

        return new LwwMapDelta<T>(context, entries);
    }
}
