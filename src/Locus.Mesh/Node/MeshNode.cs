using System.Net;
using Locus.Mesh.Security;
using Microsoft.Extensions.Logging;

namespace Locus.Mesh.Node;

/// <summary>
/// A running mesh node: identity and pair keys (<c>keys.db</c>), the durable replicated state (<c>state.db</c>),
/// pairing over HTTP, and sync rounds with paired peers — served (<see cref="ServeSync"/>) and initiated
/// (<see cref="SyncAllAsync"/>, and <see cref="SyncRoundAsync"/> in the background). The HTTP endpoints themselves live in the server.
/// </summary>
public sealed partial class MeshNode : IDisposable
{
    private readonly NodeVault _vault;
    private readonly NodeIdentity _identity;
    private readonly DurableKeyring _keyring;
    private readonly MessageGuard _guard;
    private readonly PeerLinks _links;
    private readonly PairingDesk _desk = new();
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    private MeshNode(MeshNodeOptions options, NodeVault vault, NodeIdentity identity, MeshReplica state, TimeProvider time, ILogger logger, HttpMessageHandler? handler)
    {
        (Options, _vault, _identity, State, _time, _logger) = (options, vault, identity, state, time, logger);
        _keyring = new DurableKeyring(vault, logger);
        // The vault remembers the highest sequence accepted from each peer, so a restart does not reopen replays.
        _guard = new MessageGuard(identity, _keyring, options.Security, time, logger, vault);
        _links = new PeerLinks(vault);
        _http = new HttpClient(handler ?? new SocketsHttpHandler { ConnectTimeout = options.RequestTimeout }, disposeHandler: true)
        {
            // The mesh listener speaks HTTP/2 only (prior knowledge, no TLS: the envelopes carry the security).
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = options.RequestTimeout,
        };
    }

    public MeshNodeOptions Options { get; }

    /// <summary>This node's id: derived from its public key, stable across restarts.</summary>
    public string Id => _identity.Id.ToString();

    public string Name => Options.Name;

    /// <summary>The replicated state (documents, history, preferences, spend, directory), durable.</summary>
    public MeshReplica State { get; }

    /// <summary>Where peers reach this node's mesh listener; set once the server knows its port.</summary>
    public Uri? AdvertisedUrl { get; set; }

    public static MeshNode Open(MeshNodeOptions options, TimeProvider? time = null, ILoggerFactory? loggers = null, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(options.DataDirectory);
        var logger = loggers?.CreateLogger("Locus.Mesh") ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        var vault = NodeVault.Open(Path.Combine(options.DataDirectory, "keys.db"));
        MeshReplica? state = null;
        try
        {
            var (identity, replica) = vault.LoadOrCreateIdentity();
            state = MeshReplica.Open(Path.Combine(options.DataDirectory, "state.db"), replica, time ?? TimeProvider.System,
                new Store.MeshStoreOptions { FullSync = options.FullSync });
            var node = new MeshNode(options, vault, identity, state, time ?? TimeProvider.System, logger, handler);
            MeshLog.Opened(logger, node.Id, node.Name, node._keyring.Peers.Count, options.DataDirectory);
            return node;
        }
        catch
        {
            state?.Dispose();
            vault.Dispose();
            throw;
        }
    }

    /// <summary>Every peer this node knows of: paired, revoked, or only an address from config.</summary>
    public IReadOnlyList<MeshPeerStatus> Peers()
    {
        var ids = _vault.Peers().Select(p => p.Id).Concat(_keyring.Peers.Select(p => p.Id)).Distinct().OrderBy(id => id.Value);
        return [.. ids.Select(Status)];
    }

    /// <summary>Forgets a peer's key; its messages are refused from now on. False when no such peer was paired.</summary>
    public bool Revoke(string peerId) => TryParseId(peerId, out var id) && _keyring.Revoke(id);

    private MeshPeerStatus Status(NodeId id)
    {
        var link = _links.Find(id);
        return new MeshPeerStatus(id.ToString(), link?.Name, link?.Url, _keyring.TryGet(id, out _), _keyring.IsRevoked(id),
            link?.LastSync, link?.LastAttempt, link?.LastError);
    }

    internal static bool TryParseId(string text, out NodeId id)
    {
        var ok = ulong.TryParse(text, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var value);
        id = new NodeId(value);
        return ok && text.Length == 16;
    }

    public void Dispose()
    {
        _http.Dispose();
        State.Dispose();
        _vault.Dispose();
        _identity.Dispose();
    }
}
