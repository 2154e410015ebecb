using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace Locus.Mesh.Security;

/// <summary>In-memory keyring; persisting it (keys at rest) belongs to the node store.</summary>
internal sealed class PeerKeyring(ILogger logger) : IPeerKeyring
{
    private readonly ConcurrentDictionary<NodeId, PairedPeer> _peers = new();
    private readonly ConcurrentDictionary<NodeId, bool> _revoked = new();

    public IReadOnlyList<PairedPeer> Peers => [.. _peers.Values];

    public void Add(PairedPeer peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        _revoked.TryRemove(peer.Id, out _);
        _peers[peer.Id] = peer;
        SecurityLog.PeerStored(logger, peer.Id);
    }

    public bool Revoke(NodeId peer)
    {
        _revoked[peer] = true;
        if (!_peers.TryRemove(peer, out var removed))
        {
            return false;
        }

        CryptographicOperations.ZeroMemory(removed.PairKey);
        SecurityLog.PeerRevoked(logger, peer);
        return true;
    }

    public bool TryGet(NodeId peer, out PairedPeer paired) => _peers.TryGetValue(peer, out paired!);

    public bool IsRevoked(NodeId peer) => _revoked.ContainsKey(peer);
}
