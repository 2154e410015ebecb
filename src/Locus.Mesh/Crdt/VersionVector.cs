using Locus.Mesh.Encoding;

namespace Locus.Mesh.Crdt;

/// <summary>
/// How much of each replica's history a replica has seen: replica → highest counter, where every event of that
/// replica up to it has been seen (CRDTs here apply a replica's events in counter order, so the prefix is contiguous).
/// Delta sync sends a peer exactly the events past its vector. Mutable; <see cref="Clone"/> for a snapshot.
/// </summary>
public sealed class VersionVector : IEquatable<VersionVector>
{
    private readonly SortedDictionary<ReplicaId, ulong> _seen = [];

    public IEnumerable<KeyValuePair<ReplicaId, ulong>> Entries => _seen;

    public int Count => _seen.Count;

    /// <summary>The highest counter of <paramref name="replica"/> seen (0: none).</summary>
    public ulong this[ReplicaId replica] => _seen.GetValueOrDefault(replica);

    public bool Includes(Dot dot) => dot.Counter <= this[dot.Replica];

    /// <summary>Records that every event of the dot's replica up to the dot has been seen.</summary>
    public void Observe(Dot dot)
    {
        if (dot.Counter > this[dot.Replica])
        {
            _seen[dot.Replica] = dot.Counter;
        }
    }

    /// <summary>Pointwise maximum: afterwards this has seen everything either had.</summary>
    public void Merge(VersionVector other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (replica, counter) in other._seen)
        {
            Observe(new Dot(replica, counter));
        }
    }

    /// <summary>True when this has seen everything <paramref name="other"/> has.</summary>
    public bool Dominates(VersionVector other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other._seen.All(e => this[e.Key] >= e.Value);
    }

    /// <summary>Pointwise minimum over several vectors: what all of them have seen (tombstone collection is safe below it).</summary>
    public static VersionVector Common(IReadOnlyCollection<VersionVector> vectors)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        var common = new VersionVector();
        if (vectors.Count == 0)
        {
            return common;
        }

        foreach (var (replica, _) in vectors.First()._seen)
        {
            var min = vectors.Min(v => v[replica]);
            if (min > 0)
            {
                common._seen[replica] = min;
            }
        }

        return common;
    }

    public VersionVector Clone()
    {
        var copy = new VersionVector();
        foreach (var (replica, counter) in _seen)
        {
            copy._seen[replica] = counter;
        }

        return copy;
    }

    public void WriteTo(VarWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.UInt((ulong)_seen.Count);
        foreach (var (replica, counter) in _seen)
        {
            writer.Fixed64(replica.Value).UInt(counter);
        }
    }

    public static VersionVector ReadFrom(ref VarReader reader)
    {
        var vector = new VersionVector();
        var count = reader.Count(1 << 20);
        for (var i = 0; i < count; i++)
        {
            vector.Observe(new Dot(new ReplicaId(reader.Fixed64()), reader.UInt()));
        }

        return vector;
    }

    public bool Equals(VersionVector? other) => other is not null && _seen.Count == other._seen.Count && Dominates(other) && other.Dominates(this);

    public override bool Equals(object? obj) => Equals(obj as VersionVector);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (replica, counter) in _seen)
        {
            hash.Add(replica);
            hash.Add(counter);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => "{" + string.Join(", ", _seen.Select(e => $"{e.Key}:{e.Value}")) + "}";
}
