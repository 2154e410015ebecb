using System.Collections.Concurrent;
using System.Security.Cryptography;
using Locus.Mesh.Security;

namespace Locus.Mesh.Node;

/// <summary>The shower's side of pairing over HTTP: one code on offer at a time, and the sessions its hellos opened,
/// each awaiting one confirmation.</summary>
internal sealed class PairingDesk
{
    private readonly ConcurrentDictionary<string, (PairingSession Session, string? Url, string? Name)> _sessions = new();
    private volatile PairingOffer? _offer;

    public void Offer(PairingOffer offer)
    {
        _offer = offer;
        _sessions.Clear();
    }

    public (PairingRefusal Refusal, byte[]? Reply, string? Session) Answer(ReadOnlySpan<byte> hello, string? url, string? name)
    {
        if (_offer is not { } offer)
        {
            return (PairingRefusal.Expired, null, null);
        }

        var answer = offer.Answer(hello);
        if (answer.Session is null)
        {
            return (answer.Refusal, null, null);
        }

        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _sessions[id] = (answer.Session, url, name);
        return (PairingRefusal.None, answer.Reply, id);
    }

    public (PairingResult Result, string? Url, string? Name) Confirm(string session, ReadOnlySpan<byte> confirm)
    {
        if (!_sessions.TryRemove(session, out var open))
        {
            return (PairingResult.Refused(PairingRefusal.Expired), null, null);
        }

        var result = open.Session.Complete(confirm);
        if (result.Succeeded)
        {
            _offer = null;
        }

        return (result, open.Url, open.Name);
    }
}
