using System.Net.Http.Headers;
using Locus.Mesh.Security;

namespace Locus.Mesh.Node;

public sealed partial class MeshNode
{
    /// <summary>Puts a new one-time code on offer (replacing any earlier one) for another node to join with.</summary>
    public (string Code, DateTimeOffset ExpiresAt) OfferPairing()
    {
        var offer = new PairingOffer(_identity, _keyring, Options.Security, _time, _logger);
        _desk.Offer(offer);
        MeshLog.Offered(_logger, offer.ExpiresAt);
        return (offer.Code, offer.ExpiresAt);
    }

    /// <summary>Shower, step 2: answers a joiner's hello (HTTP body) with this node's keys and confirmation.</summary>
    public (PairingRefusal Refusal, byte[]? Reply, string? Session) AnswerPairing(ReadOnlySpan<byte> hello, string? joinerUrl, string? joinerName) =>
        _desk.Answer(hello, joinerUrl, joinerName);

    /// <summary>Shower, step 4: verifies the joiner's confirmation; on success the joiner is paired and its address kept.</summary>
    public PairingRefusal ConfirmPairing(string session, ReadOnlySpan<byte> confirm)
    {
        var (result, url, name) = _desk.Confirm(session, confirm);
        if (result.Peer is { } peer && url is not null)
        {
            _links.SetAddress(peer.Id, url, name);
        }

        return result.Refusal;
    }

    /// <summary>Joiner: pairs with the node at <paramref name="peerUrl"/> (its mesh address) using the code it shows.</summary>
    /// <exception cref="MeshException">The peer cannot be reached, or it refused (wrong or expired code, ...).</exception>
    public async Task<MeshPeerStatus> JoinAsync(Uri peerUrl, string code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(peerUrl);
        if (PairingCode.Normalize(code) is null)
        {
            throw new MeshException("invalid_code", "That is not a pairing code: it has 8 letters and digits, as shown by `locus mesh pair` on the other node.");
        }

        using var join = new PairingJoin(_identity, code, _keyring, Options.Security, _time, _logger);
        using var hello = await PostAsync(new Uri(peerUrl, MeshProtocol.PairHello), join.Hello, null, cancellationToken).ConfigureAwait(false);
        var reply = await ReadOrThrowAsync(hello, "pairing", cancellationToken).ConfigureAwait(false);
        var session = hello.Headers.TryGetValues(MeshProtocol.SessionHeader, out var values) ? values.First() : "";
        var accepted = join.Accept(reply);
        if (!accepted.Succeeded)
        {
            throw new MeshException("pairing_refused", $"Pairing failed on this side: {Explain(accepted.Refusal)}");
        }

        using var confirm = await PostAsync(new Uri(peerUrl, MeshProtocol.PairConfirm), accepted.Confirm!, session, cancellationToken).ConfigureAwait(false);
        await ReadOrThrowAsync(confirm, "pairing", cancellationToken).ConfigureAwait(false);
        _links.SetAddress(accepted.Peer!.Id, peerUrl.ToString(), hello.Headers.TryGetValues(MeshProtocol.NameHeader, out var names) ? Uri.UnescapeDataString(names.First()) : null);
        return Status(accepted.Peer.Id);
    }

    /// <summary>What a refusal means to the person pairing.</summary>
    public static string Explain(PairingRefusal refusal) => refusal switch
    {
        PairingRefusal.Expired => "the code expired (or no code is on offer); run `locus mesh pair` on the other node again",
        PairingRefusal.AttemptsExhausted => "the code was tried too many times and is burned; show a new one",
        PairingRefusal.AlreadyUsed => "the code was already used; codes pair one node once",
        PairingRefusal.Malformed => "the pairing message was malformed",
        PairingRefusal.ConfirmationFailed => "the code does not match (mistyped, or someone is in the middle)",
        PairingRefusal.SelfPairing => "a node cannot pair with itself",
        _ => refusal.ToString(),
    };

    private async Task<HttpResponseMessage> PostAsync(Uri url, byte[] body, string? session, CancellationToken cancellationToken)
    {
        // A hand-built request does not take the client's default version: ask for HTTP/2 explicitly.
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new ByteArrayContent(body),
            Version = _http.DefaultRequestVersion,
            VersionPolicy = _http.DefaultVersionPolicy,
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(MeshProtocol.ContentType);
        if (AdvertisedUrl is { } self)
        {
            request.Headers.Add(MeshProtocol.UrlHeader, self.ToString());
        }

        request.Headers.Add(MeshProtocol.NameHeader, Uri.EscapeDataString(Name));
        if (session is not null)
        {
            request.Headers.Add(MeshProtocol.SessionHeader, session);
        }

        try
        {
            return await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnreachable(ex, cancellationToken))
        {
            throw new MeshException("peer_unreachable", $"Cannot reach the mesh node at {url.GetLeftPart(UriPartial.Authority)}: {ex.Message}", ex);
        }
    }

    private static async Task<byte[]> ReadOrThrowAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return body;
        }

        var message = MeshErrorBody.Message(body) ?? $"HTTP {(int)response.StatusCode}";
        throw new MeshException($"{what}_refused", $"The peer refused the {what}: {message}");
    }
}
