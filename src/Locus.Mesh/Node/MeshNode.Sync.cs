using System.Net.Http.Headers;
using System.Net.Sockets;
using Locus.Mesh.Security;

namespace Locus.Mesh.Node;

public sealed partial class MeshNode
{
    /// <summary>
    /// Responder: opens a sealed sync request, merges and commits the peer's delta, and seals the reply (what the peer
    /// lacks). Refused envelopes (unpaired, revoked, tampered, replayed...) are logged by the guard and change nothing.
    /// </summary>
    public ServedSync ServeSync(ReadOnlySpan<byte> envelope)
    {
        var opened = _guard.Open(envelope);
        if (!opened.Accepted)
        {
            MeshLog.ServeRefused(_logger, opened.Sender.ToString(), opened.Refusal.ToString());
            return new ServedSync(opened.Refusal.ToString(), null);
        }

        SyncRequest request;
        try
        {
            request = SyncRequest.Decode(opened.Payload);
            State.Merge(request.Delta);
        }
        catch (FormatException ex)
        {
            MeshLog.ServeRefused(_logger, opened.Sender.ToString(), "malformed sync request: " + ex.Message);
            return new ServedSync("MalformedSync", null);
        }

        if (request.SenderUrl.Length > 0)
        {
            _links.Learn(opened.Sender, request.SenderUrl, request.SenderName);
        }

        var reply = new SyncReply(Name, State.Version, State.DeltaFor(request.Version)).Encode();
        MeshLog.Served(_logger, opened.Sender.ToString(), request.Delta.Length, reply.Length);
        return new ServedSync(null, _guard.Seal(opened.Sender, reply));
    }

    /// <summary>One round with every paired peer whose address is known, one after another.</summary>
    public async Task<IReadOnlyList<SyncOutcome>> SyncAllAsync(CancellationToken cancellationToken = default)
    {
        await IdentifyStaticPeersAsync(cancellationToken).ConfigureAwait(false);
        var outcomes = new List<SyncOutcome>();
        foreach (var peer in _keyring.Peers)
        {
            if (_links.Find(peer.Id) is not null)
            {
                outcomes.Add(await SyncAsync(peer.Id, cancellationToken).ConfigureAwait(false));
            }
        }

        CollectGarbage();
        return outcomes;
    }

    /// <summary>
    /// One background round; the host runs one every <see cref="MeshNodeOptions.SyncInterval"/>. A failure nobody
    /// foresaw (a peer's connection breaking in a way the HTTP stack reports differently) is logged and costs this
    /// round only: a background loop that let it escape would stop syncing for good, silently, while the node serves.
    /// </summary>
    public async Task SyncRoundAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SyncAllAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            MeshLog.RoundFailed(_logger, ex);
        }
    }

    private async Task<SyncOutcome> SyncAsync(NodeId peer, CancellationToken cancellationToken)
    {
        var link = _links.Find(peer)!;
        link.LastAttempt = _time.GetUtcNow();
        var request = new SyncRequest(AdvertisedUrl?.ToString() ?? "", Name, State.Version, State.DeltaFor(link.Known)).Encode();
        try
        {
            using var content = new ByteArrayContent(_guard.Seal(peer, request));
            content.Headers.ContentType = new MediaTypeHeaderValue(MeshProtocol.ContentType);
            using var response = await _http.PostAsync(new Uri(new Uri(link.Url), MeshProtocol.Sync), content, cancellationToken).ConfigureAwait(false);
            var body = await ReadOrThrowAsync(response, "sync", cancellationToken).ConfigureAwait(false);
            var opened = _guard.Open(body);
            if (!opened.Accepted)
            {
                throw new MeshException("sync_refused", $"the peer's reply was refused here ({opened.Refusal})");
            }

            var reply = SyncReply.Decode(opened.Payload);
            State.Merge(reply.Delta);
            link.Known = reply.Version;
            link.Name = reply.SenderName;
            link.LastSync = _time.GetUtcNow();
            link.LastError = null;
            MeshLog.Synced(_logger, peer.ToString(), request.Length, body.Length);
            return new SyncOutcome(peer.ToString(), true, null, request.Length, body.Length);
        }
        catch (Exception ex) when (ex is MeshException or FormatException || IsUnreachable(ex, cancellationToken))
        {
            var reason = ex is TaskCanceledException or OperationCanceledException ? "timed out" : ex.Message;
            link.LastError = reason;
            // The peer may have applied our delta or not; resend from what it last confirmed.
            MeshLog.SyncFailed(_logger, peer.ToString(), reason);
            return new SyncOutcome(peer.ToString(), false, reason, request.Length, 0);
        }
    }

    /// <summary>
    /// Once every paired peer has reported its version in this run, drops what all of them have seen. A peer not heard
    /// from (offline, no address) holds collection back: it may still need the text of a deletion it has not seen.
    /// </summary>
    private void CollectGarbage()
    {
        var versions = new List<State.NodeStateVersion>();
        foreach (var peer in _keyring.Peers)
        {
            if (_links.Find(peer.Id) is not { LastSync: not null } link)
            {
                return;
            }

            versions.Add(link.Known);
        }

        var dropped = State.CollectGarbage(versions);
        if (dropped > 0)
        {
            MeshLog.Collected(_logger, dropped, versions.Count);
        }
    }

    /// <summary>Config peers are addresses; learn each one's node id (public) so that, once paired, it is synced.</summary>
    private async Task IdentifyStaticPeersAsync(CancellationToken cancellationToken)
    {
        foreach (var url in Options.StaticPeers)
        {
            if (_identifiedStatic.ContainsKey(url))
            {
                continue;
            }

            try
            {
                using var response = await _http.GetAsync(new Uri(url, MeshProtocol.Hello), cancellationToken).ConfigureAwait(false);
                var hello = MeshHello.Read(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
                if (hello is null || !TryParseId(hello.NodeId, out var id))
                {
                    throw new FormatException("the answer is not a Locus mesh hello");
                }

                _links.SetAddress(id, url.ToString(), hello.Name, configured: true);
                _identifiedStatic[url] = true;
            }
            catch (Exception ex) when (ex is FormatException || IsUnreachable(ex, cancellationToken))
            {
                MeshLog.HelloFailed(_logger, url.ToString(), ex.Message);
            }
        }
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Uri, bool> _identifiedStatic = new();

    /// <summary>
    /// The peer cannot be reached, or the connection broke. The HTTP stack reports that as more than one type: a
    /// connection reset just after connecting surfaces from SocketsHttpHandler as a bare <see cref="SocketException"/>,
    /// a body cut off as an <see cref="IOException"/>; a timeout is a cancellation nobody here asked for.
    /// </summary>
    private static bool IsUnreachable(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException or IOException or SocketException
        || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    /// <summary>The public hello this node answers with.</summary>
    public MeshHello Hello() => new(Id, Name);
}

/// <summary>A served sync: the sealed reply, or why the request was refused.</summary>
public sealed record ServedSync(string? Refusal, byte[]? Reply);
