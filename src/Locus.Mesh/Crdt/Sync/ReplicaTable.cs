using Locus.Mesh.Encoding;

namespace Locus.Mesh.Crdt.Sync;

/// <summary>
/// Dots in an encoded delta name their replica by its index in the delta's context vector (one byte instead of a
/// fixed 8), which also guarantees that every dot lies inside the context it arrived with.
/// </summary>
internal sealed class ReplicaTable
{
    private readonly ReplicaId[] _replicas;
    private readonly Dictionary<ReplicaId, int> _index = [];
    private readonly VersionVector _context;

    public ReplicaTable(VersionVector context)
    {
        _context = context;
        _replicas = [.. context.Entries.Select(e => e.Key)];
        for (var i = 0; i < _replicas.Length; i++)
        {
            _index[_replicas[i]] = i;
        }
    }

    public void WriteDot(VarWriter writer, Dot dot)
    {
        if (!_context.Includes(dot))
        {
            throw new InvalidOperationException($"dot {dot} lies outside the delta's context");
        }

        writer.UInt((ulong)_index[dot.Replica]).UInt(dot.Counter);
    }

    public Dot ReadDot(ref VarReader reader)
    {
        if (_replicas.Length == 0)
        {
            throw new FormatException("a dot in a delta with an empty context");
        }

        var index = reader.Count(_replicas.Length - 1);
        var dot = new Dot(_replicas[index], reader.UInt());
        if (dot.Counter == 0 || !_context.Includes(dot))
        {
            throw new FormatException($"dot {dot} lies outside the delta's context");
        }

        return dot;
    }
}
