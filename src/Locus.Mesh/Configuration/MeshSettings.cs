using Locus.Core.Configuration;

namespace Locus.Mesh.Configuration;

/// <summary>The <c>mesh:</c> section: whether this node joins a person's mesh, and how peers reach it.</summary>
public sealed record MeshSettings
{
    /// <summary>Folder used when the config names none.</summary>
    public const string DefaultDataDirectory = "~/.local/share/locus/mesh";

    /// <summary>Default mesh port (HTTP/2, separate from the API so the API can stay on loopback).</summary>
    public const int DefaultPort = 11481;

    /// <summary>The section's binder: an absent section means no mesh.</summary>
    public static IConfigSection<MeshSettings> Section { get; } = new MeshSectionBinder();

    /// <summary>False when the section is absent or says <c>enabled: false</c>.</summary>
    public bool Enabled { get; init; }

    /// <summary>This node's name in the mesh; null: the machine name.</summary>
    public string? Name { get; init; }

    public string DataDirectory { get; init; } = DefaultDataDirectory;

    /// <summary>Address of the mesh listener (default 0.0.0.0 so peers on the LAN can reach it).</summary>
    public string ListenHost { get; init; } = "0.0.0.0";

    /// <summary>0 picks a free port.</summary>
    public int ListenPort { get; init; } = DefaultPort;

    /// <summary>The URL peers should use for this node; null: derived from the listener (host name when bound to all).</summary>
    public Uri? Advertise { get; init; }

    /// <summary>Peers' mesh URLs; each still has to be paired (<c>locus mesh pair</c>) before it syncs.</summary>
    public IReadOnlyList<Uri> Peers { get; init; } = [];

    public TimeSpan SyncInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Announce this node on the LAN by UDP multicast and list nodes heard (off by default: it tells the LAN a Locus node is here).</summary>
    public bool Discovery { get; init; }

    public int DiscoveryPort { get; init; } = DefaultPort + 1;

    /// <summary>fsync every state commit (survives power loss too).</summary>
    public bool FullSync { get; init; }
}
