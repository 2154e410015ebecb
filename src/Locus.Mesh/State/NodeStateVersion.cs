using Locus.Mesh.Crdt;
using Locus.Mesh.Encoding;

namespace Locus.Mesh.State;

/// <summary>
/// A node state's composite version: one version vector per part ("documents", "history", "preferences",
/// "directory", "text/ID", "spend/KEY"); a part a peer has never seen reads as the empty vector.
/// </summary>
public sealed class NodeStateVersion : IEquatable<NodeStateVersion>
{
    private readonly SortedDictionary<string, VersionVector> _parts = new(StringComparer.Ordinal);

    public static NodeStateVersion Empty => new();

    public IEnumerable<KeyValuePair<string, VersionVector>> Parts => _parts;

    public VersionVector this[string part] => _parts.TryGetValue(part, out var version) ? version : new VersionVector();

    internal void Set(string part, VersionVector version) => _parts[part] = version;

    public void WriteTo(VarWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.UInt((ulong)_parts.Count);
        foreach (var (part, version) in _parts)
        {
            writer.String(part);
            version.WriteTo(writer);
        }
    }

    public static NodeStateVersion ReadFrom(ref VarReader reader)
    {
        var result = new NodeStateVersion();
        var count = reader.Count(1 << 20);
        for (var i = 0; i < count; i++)
        {
            result._parts[reader.String()] = VersionVector.ReadFrom(ref reader);
        }

        return result;
    }

    public bool Equals(NodeStateVersion? other) =>
        other is not null && _parts.Count == other._parts.Count && _parts.All(p => other[p.Key].Equals(p.Value));

    public override bool Equals(object? obj) => Equals(obj as NodeStateVersion);

    public override int GetHashCode() => _parts.Count;

    public override string ToString() => string.Join(" ", _parts.Select(p => $"{p.Key}={p.Value}"));
}
