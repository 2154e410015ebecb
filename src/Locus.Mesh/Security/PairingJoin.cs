using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace Locus.Mesh.Security;

/// <summary>
/// Node B's side of pairing: the user typed A's code. B sends <see cref="Hello"/>, checks A's confirmation in the
/// reply (an impostor without the code fails here) and only then sends its own confirmation and stores A.
/// </summary>
public sealed class PairingJoin : IDisposable
{
    private readonly NodeIdentity _identity;
    private readonly IPeerKeyring _keyring;
    private readonly MeshSecurityOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _code;
    private readonly ECDiffieHellman _ephemeral = PairingKeys.NewEphemeral();
    private readonly PairingHello _hello;
    private bool _done;

    /// <exception cref="ArgumentException">The entry cannot be a code (wrong length or characters): ask again.</exception>
    public PairingJoin(NodeIdentity identity, string code, IPeerKeyring keyring, MeshSecurityOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(code);
        (_identity, _keyring, _options, _time, _logger) = (identity, keyring, options, time, logger);
        _code = PairingCode.Normalize(code) ?? throw new ArgumentException($"a pairing code is {PairingCode.Symbols} letters and digits", nameof(code));
        _hello = new PairingHello(identity.PublicKey, _ephemeral.ExportSubjectPublicKeyInfo(), PairingKeys.NewNonce());
        Hello = _hello.Encode();
    }

    /// <summary>Step 1: what to send to the showing node.</summary>
    public byte[] Hello { get; }

    /// <summary>Step 3: verifies the reply; on success returns the confirmation to send and the stored peer.</summary>
    public PairingJoinResult Accept(ReadOnlySpan<byte> replyBytes)
    {
        var reply = PairingReply.Decode(replyBytes);
        var refusal = _done ? PairingRefusal.AlreadyUsed
            : reply is null ? PairingRefusal.Malformed
            : reply.StaticKey.AsSpan().SequenceEqual(_identity.PublicKey) ? PairingRefusal.SelfPairing
            : PairingRefusal.None;
        _done = true; // one reply per join: each reply is a guess at the code, so an impostor gets one
        var keys = refusal == PairingRefusal.None
            ? PairingKeys.Derive(_identity, _ephemeral, reply!.StaticKey, reply.EphemeralKey, _hello, reply, _code, _options.CodeKdfIterations)
            : null;
        if (refusal == PairingRefusal.None && keys is null)
        {
            refusal = PairingRefusal.Malformed;
        }
        else if (keys is not null && !CryptographicOperations.FixedTimeEquals(reply!.Confirmation, keys.ShowerConfirmation))
        {
            refusal = PairingRefusal.ConfirmationFailed;
        }

        if (refusal != PairingRefusal.None)
        {
            SecurityLog.PairingRefused(_logger, "joiner", refusal);
            return new PairingJoinResult(refusal, null, null);
        }

        var peer = new PairedPeer(NodeId.FromPublicKey(reply!.StaticKey), reply.StaticKey, keys!.PairKey, _time.GetUtcNow());
        _keyring.Add(peer);
        SecurityLog.Paired(_logger, peer.Id, "joiner");
        return new PairingJoinResult(PairingRefusal.None, new PairingConfirm(keys.JoinerConfirmation).Encode(), peer);
    }

    public void Dispose() => _ephemeral.Dispose();
}

/// <summary>The joiner's outcome: the confirmation to send back and the peer, or the refusal.</summary>
public readonly record struct PairingJoinResult(PairingRefusal Refusal, byte[]? Confirm, PairedPeer? Peer)
{
    public bool Succeeded => Refusal == PairingRefusal.None;
}
