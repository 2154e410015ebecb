using System.Collections.Concurrent;
using Locus.Mesh.Security;

namespace Locus.Mesh.Node;

public sealed partial class MeshNode
{
    private readonly ConcurrentDictionary<NodeId, (Uri Url, string Name, DateTimeOffset Seen)> _discovered = new();

    /// <summary>Nodes heard on the LAN recently (paired or not), for `locus mesh peers` and for re-finding a peer.</summary>
    public IReadOnlyList<MeshPeerStatus> Discovered() => [.. _discovered
        .Where(d => _time.GetUtcNow() - d.Value.Seen < Options.SyncInterval * 6 + TimeSpan.FromSeconds(30))
        .Select(d => Status(d.Key) with { Discovered = true, Name = d.Value.Name, Url = _links.Find(d.Key)?.Url ?? d.Value.Url.ToString() })];

    /// <summary>Announces this node every sync interval and listens for others, until cancelled (discovery on only).</summary>
    public async Task DiscoverAsync(CancellationToken cancellationToken)
    {
        if (Options.DiscoveryPort is not { } port || AdvertisedUrl is not { } url)
        {
            return;
        }

        using var lan = new LanDiscovery(port);
        var listening = Task.Run(async () =>
        {
            await foreach (var (id, peerUrl, name) in lan.ListenAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!TryParseId(id, out var nodeId) || id == Id)
                {
                    continue;
                }

                _discovered[nodeId] = (peerUrl, name, _time.GetUtcNow());
                // A paired peer found at a new address: take it if the old one stopped working.
                if (_keyring.TryGet(nodeId, out _))
                {
                    _links.Learn(nodeId, peerUrl.ToString(), name);
                }
            }
        }, CancellationToken.None);
        using var timer = new PeriodicTimer(Options.SyncInterval, _time);
        try
        {
            do
            {
                try
                {
                    await lan.AnnounceAsync(Hello(), url, cancellationToken).ConfigureAwait(false);
                }
                catch (System.Net.Sockets.SocketException ex)
                {
                    MeshLog.DiscoveryFailed(_logger, ex.Message);
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        await listening.ConfigureAwait(false);
    }
}
