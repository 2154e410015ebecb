using Locus.Core.Configuration;
using Locus.Mesh.Configuration;
using Locus.Mesh.Node;

namespace Locus.Node;

/// <summary>Opens the node's mesh state and keys from the <c>mesh:</c> section.</summary>
internal static class MeshComposition
{
    public static MeshNode? Open(MeshSettings settings, NodeSettings node) => settings.Enabled
        ? MeshNode.Open(new MeshNodeOptions
        {
            DataDirectory = LocusPaths.ExpandHome(settings.DataDirectory),
            Name = settings.Name ?? Environment.MachineName,
            StaticPeers = settings.Peers,
            SyncInterval = settings.SyncInterval,
            FullSync = settings.FullSync,
            DiscoveryPort = settings.Discovery ? settings.DiscoveryPort : null,
        }, node.Time, node.Loggers)
        : null;
}
