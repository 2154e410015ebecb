using System.Collections.Concurrent;
using Locus.Mesh.Security;
using Locus.Mesh.State;

namespace Locus.Mesh.Node;

/// <summary>What this node knows about reaching each peer: address (persisted), and in memory the outcome of the last
/// sync and the peer's version as last reported (so the next round sends only what it lacks).</summary>
internal sealed class PeerLinks(NodeVault vault)
{
    private readonly ConcurrentDictionary<NodeId, Link> _links = new(vault.Peers().Where(p => p.Url is not null)
        .ToDictionary(p => p.Id, p => new Link { Url = p.Url!, Name = p.Name }));

    /// <summary>Records where <paramref name="peer"/> is reached. An address from the config (<paramref name="configured"/>)
    /// wins over one a peer announces, so a user's routing (a proxy, a VPN name) is kept.</summary>
    public void SetAddress(NodeId peer, string url, string? name, bool configured = false)
    {
        var created = false;
        var link = _links.GetOrAdd(peer, _ =>
        {
            created = true;
            return new Link { Url = url, Name = name };
        });
        lock (link)
        {
            if (!created && ((link.Configured && !configured) || (link.Url == url && (name is null || link.Name == name))))
            {
                return;
            }

            link.Configured |= configured;
            link.Url = url;
            link.Name = name ?? link.Name;
        }

        vault.SaveAddress(peer, url, name);
    }

    /// <summary>An address a peer announced in a sync: taken for a new peer, or when ours stopped working; a working
    /// or configured address is kept (a peer cannot redirect our traffic while the path we use is fine).</summary>
    public void Learn(NodeId peer, string url, string? name)
    {
        if (Find(peer) is { } link && (link.Configured || link.LastError is null))
        {
            return;
        }

        SetAddress(peer, url, name);
    }

    public Link? Find(NodeId peer) => _links.TryGetValue(peer, out var link) ? link : null;

    public sealed class Link
    {
        public required string Url { get; set; }

        public string? Name { get; set; }

        public bool Configured { get; set; }

        public NodeStateVersion Known { get; set; } = NodeStateVersion.Empty;

        public DateTimeOffset? LastSync { get; set; }

        public DateTimeOffset? LastAttempt { get; set; }

        public string? LastError { get; set; }
    }
}
