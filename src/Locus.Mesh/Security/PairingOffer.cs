using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace Locus.Mesh.Security;

/// <summary>
/// Node A's side of pairing: shows <see cref="Code"/>, answers hellos (each answer costs one of the code's attempts,
/// since each gives the asker one guess), and stores the peer once its confirmation verifies. Single-use.
/// </summary>
public sealed class PairingOffer
{
    private readonly NodeIdentity _identity;
    private readonly IPeerKeyring _keyring;
    private readonly MeshSecurityOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private int _attempts;
    private bool _used;

    public PairingOffer(NodeIdentity identity, IPeerKeyring keyring, MeshSecurityOptions options, TimeProvider time, ILogger logger)
    {
        (_identity, _keyring, _options, _time, _logger) = (identity, keyring, options, time, logger);
        Code = PairingCode.Generate();
        ExpiresAt = time.GetUtcNow() + options.CodeLifetime;
    }

    /// <summary>What the user reads off this node's screen and types on the other.</summary>
    public string Code { get; }

    public DateTimeOffset ExpiresAt { get; }

    /// <summary>Step 2: answers a joiner's hello with this node's keys and confirmation.</summary>
    public PairingAnswer Answer(ReadOnlySpan<byte> helloBytes)
    {
        var hello = PairingHello.Decode(helloBytes);
        lock (_gate)
        {
            var refusal = _used ? PairingRefusal.AlreadyUsed
                : _time.GetUtcNow() > ExpiresAt ? PairingRefusal.Expired
                : _attempts >= _options.MaxPairingAttempts ? PairingRefusal.AttemptsExhausted
                : hello is null ? PairingRefusal.Malformed
                : hello.StaticKey.AsSpan().SequenceEqual(_identity.PublicKey) ? PairingRefusal.SelfPairing
                : PairingRefusal.None;
            if (refusal == PairingRefusal.None)
            {
                _attempts++;
            }

            if (refusal != PairingRefusal.None)
            {
                return Refuse(refusal);
            }
        }

        using var ephemeral = PairingKeys.NewEphemeral();
        var reply = new PairingReply(_identity.PublicKey, ephemeral.ExportSubjectPublicKeyInfo(), PairingKeys.NewNonce(), []);
        var keys = PairingKeys.Derive(_identity, ephemeral, hello!.StaticKey, hello.EphemeralKey, hello, reply,
            PairingCode.Normalize(Code)!, _options.CodeKdfIterations);
        if (keys is null)
        {
            return Refuse(PairingRefusal.Malformed);
        }

        var session = new PairingSession(this, keys, hello.StaticKey, _time.GetUtcNow() + _options.ConfirmTimeout);
        return new PairingAnswer(PairingRefusal.None, (reply with { Confirmation = keys.ShowerConfirmation }).Encode(), session);
    }

    /// <summary>Step 4, through the session <see cref="Answer"/> returned.</summary>
    internal PairingResult Complete(PairingSession session, ReadOnlySpan<byte> confirmBytes)
    {
        var confirm = PairingConfirm.Decode(confirmBytes);
        lock (_gate)
        {
            // One confirmation per session: otherwise whoever holds the session could guess the code over and over.
            var spent = !session.Spend();
            var refusal = _used || spent ? PairingRefusal.AlreadyUsed
                : _time.GetUtcNow() > session.Deadline ? PairingRefusal.Expired
                : confirm is null ? PairingRefusal.Malformed
                : !CryptographicOperations.FixedTimeEquals(confirm.Confirmation, session.Keys.JoinerConfirmation) ? PairingRefusal.ConfirmationFailed
                : PairingRefusal.None;
            if (refusal != PairingRefusal.None)
            {
                return Refuse(refusal);
            }

            _used = true;
        }

        var peer = new PairedPeer(NodeId.FromPublicKey(session.PeerStaticKey), session.PeerStaticKey, session.Keys.PairKey, _time.GetUtcNow());
        _keyring.Add(peer);
        SecurityLog.Paired(_logger, peer.Id, "shower");
        return new PairingResult(PairingRefusal.None, peer);
    }

    private Refusal Refuse(PairingRefusal refusal)
    {
        SecurityLog.PairingRefused(_logger, "shower", refusal);
        return new Refusal(refusal);
    }

    /// <summary>Converts to either step's result type, so both refuse through one logging path.</summary>
    private readonly record struct Refusal(PairingRefusal Reason)
    {
        public static implicit operator PairingAnswer(Refusal r) => new(r.Reason, null, null);

        public static implicit operator PairingResult(Refusal r) => PairingResult.Refused(r.Reason);
    }
}
