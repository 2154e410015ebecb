using Locus.Mesh.Crdt;

namespace Locus.Mesh.State;

public sealed partial class NodeState
{
    /// <summary>
    /// Drops what every peer has seen and no one can need again: the text of deleted characters whose insertion all
    /// peers have, and map tombstones all peers have seen. <paramref name="peers"/> are the versions the peers last
    /// reported (lower bounds of what they have). Returns how much was dropped (code points plus tombstones).
    /// </summary>
    public int CollectGarbage(IReadOnlyCollection<NodeStateVersion> peers)
    {
        ArgumentNullException.ThrowIfNull(peers);
        if (peers.Count == 0)
        {
            return 0;
        }

        var dropped = 0;
        foreach (var (id, text) in _texts)
        {
            dropped += text.CollectGarbage(VersionVector.Common([text.Version, .. peers.Select(p => p["text/" + id])]));
        }

        dropped += _documents.CollectGarbage([.. peers.Select(p => p["documents"])]);
        dropped += _preferences.CollectGarbage([.. peers.Select(p => p["preferences"])]);
        dropped += _directory.CollectGarbage([.. peers.Select(p => p["directory"])]);
        return dropped;
    }
}
