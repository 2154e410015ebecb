using Locus.Core.Abstractions;
using Locus.Mesh.Node;
using Locus.Routing.Options;

namespace Locus.Node.Mesh;

/// <summary>
/// What delegation knows of each <c>kind: peer</c> target, from the replicated node directory: the peer's own latest
/// report of its models, load and thermal headroom, and when it made it. A target is matched to a paired node by the
/// node's mesh name (the target's name), else by the host of its <c>base_url</c> when exactly one peer lives there.
/// </summary>
internal sealed class MeshPeerOutlook(MeshNode mesh, RouterConfig config) : IPeerOutlook
{
    public PeerReport? Report(string targetName)
    {
        if (NodeFor(targetName) is not { } nodeId)
        {
            return null;
        }

        var record = mesh.State.Read(state => state.TryGetNode(nodeId, out var r) ? r : null);
        return record is null ? null : new PeerReport
        {
            ThermalHeadroom = record.ThermalHeadroom,
            Load = record.Load,
            Models = record.Models,
            SeenAt = DateTimeOffset.FromUnixTimeMilliseconds(record.LastSeenMs),
        };
    }

    private string? NodeFor(string targetName)
    {
        var peers = mesh.Peers().Where(p => p.Paired).ToList();
        if (peers.FirstOrDefault(p => string.Equals(p.Name, targetName, StringComparison.OrdinalIgnoreCase)) is { } named)
        {
            return named.Id;
        }

        var host = config.FindTarget(targetName)?.BaseUrl?.Host;
        var sameHost = peers.Where(p => Uri.TryCreate(p.Url, UriKind.Absolute, out var url) && string.Equals(url.Host, host, StringComparison.OrdinalIgnoreCase)).ToList();
        return sameHost.Count == 1 ? sameHost[0].Id : null;
    }
}
