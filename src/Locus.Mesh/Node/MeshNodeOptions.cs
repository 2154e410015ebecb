using Locus.Mesh.Security;

namespace Locus.Mesh.Node;

/// <summary>How a node takes part in the mesh (config section <c>mesh:</c>).</summary>
public sealed record MeshNodeOptions
{
    /// <summary>Folder for <c>state.db</c> (replicated state) and <c>keys.db</c> (identity and pair keys).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>What other nodes and the user see this node as (default: the machine name).</summary>
    public string Name { get; init; } = Environment.MachineName;

    /// <summary>Peers' mesh addresses known from config; each still has to be paired before it syncs.</summary>
    public IReadOnlyList<Uri> StaticPeers { get; init; } = [];

    /// <summary>Time between background sync rounds with every paired peer.</summary>
    public TimeSpan SyncInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Per request to a peer (a sync round, a pairing step).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>fsync every commit of the state (survives power loss as well as a killed process).</summary>
    public bool FullSync { get; init; }

    public MeshSecurityOptions Security { get; init; } = new();

    /// <summary>UDP port for LAN discovery (multicast); null: discovery off.</summary>
    public int? DiscoveryPort { get; init; }
}

/// <summary>A peer as <c>locus mesh peers</c> shows it.</summary>
public sealed record MeshPeerStatus(
    string Id, string? Name, string? Url, bool Paired, bool Revoked, DateTimeOffset? LastSync, DateTimeOffset? LastAttempt, string? LastError)
{
    /// <summary>Seen on the LAN by discovery (not necessarily paired).</summary>
    public bool Discovered { get; init; }
}

/// <summary>The outcome of one sync round with one peer.</summary>
public sealed record SyncOutcome(string Peer, bool Succeeded, string? Error, int SentBytes, int ReceivedBytes);
