namespace Locus.Mesh.Security;

/// <summary>The pair keys this node holds, and the peers it has revoked (so a revoked peer is told apart from a stranger).</summary>
public interface IPeerKeyring
{
    /// <summary>Stores a peer after pairing; pairing again with a revoked peer is the user's choice and lifts the revocation.</summary>
    void Add(PairedPeer peer);

    /// <summary>Forgets the peer's key; its messages are refused as revoked from now on. False when it was not paired.</summary>
    bool Revoke(NodeId peer);

    bool TryGet(NodeId peer, out PairedPeer paired);

    bool IsRevoked(NodeId peer);

    IReadOnlyList<PairedPeer> Peers { get; }
}
