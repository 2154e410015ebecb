using System.Collections.Concurrent;
using System.Security.Cryptography;
using Locus.Mesh.Security;
using Microsoft.Extensions.Logging;

namespace Locus.Mesh.Node;

/// <summary>The keyring of a running node: in memory for the hot path, written through to the <see cref="NodeVault"/>
/// before a change returns, so a pairing or revocation outlives a restart or a kill.</summary>
internal sealed class DurableKeyring : IPeerKeyring
{
    private readonly NodeVault _vault;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<NodeId, PairedPeer> _peers = new();
    private readonly ConcurrentDictionary<NodeId, bool> _revoked = new();

    public DurableKeyring(NodeVault vault, ILogger logger)
    {
        (_vault, _logger) = (vault, logger);
        foreach (var peer in vault.Peers())
        {
            if (peer.Revoked)
            {
                _revoked[peer.Id] = true;
            }
            else if (peer.Paired is { } paired)
            {
                _peers[peer.Id] = paired;
            }
        }
    }

    public IReadOnlyList<PairedPeer> Peers => [.. _peers.Values.OrderBy(p => p.Id.Value)];

    public void Add(PairedPeer peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        _vault.SavePaired(peer);
        _revoked.TryRemove(peer.Id, out _);
        _peers[peer.Id] = peer;
        SecurityLog.PeerStored(_logger, peer.Id);
    }

    public bool Revoke(NodeId peer)
    {
        _vault.SaveRevoked(peer);
        _revoked[peer] = true;
        if (!_peers.TryRemove(peer, out var removed))
        {
            return false;
        }

        CryptographicOperations.ZeroMemory(removed.PairKey);
        SecurityLog.PeerRevoked(_logger, peer);
        return true;
    }

    public bool TryGet(NodeId peer, out PairedPeer paired) => _peers.TryGetValue(peer, out paired!);

    public bool IsRevoked(NodeId peer) => _revoked.ContainsKey(peer);
}
