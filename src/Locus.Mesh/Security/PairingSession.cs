namespace Locus.Mesh.Security;

/// <summary>The answer to a hello: the reply to send back and the session that takes the joiner's confirmation.</summary>
public readonly record struct PairingAnswer(PairingRefusal Refusal, byte[]? Reply, PairingSession? Session);

/// <summary>One answered hello, waiting for its confirmation (held by whatever connection carried the hello).</summary>
public sealed class PairingSession
{
    private readonly PairingOffer _offer;
    private bool _spent;

    internal PairingSession(PairingOffer offer, PairingKeys keys, byte[] peerStaticKey, DateTimeOffset deadline) =>
        (_offer, Keys, PeerStaticKey, Deadline) = (offer, keys, peerStaticKey, deadline);

    internal PairingKeys Keys { get; }

    internal byte[] PeerStaticKey { get; }

    internal DateTimeOffset Deadline { get; }

    /// <summary>True the first time only; called under the offer's lock.</summary>
    internal bool Spend() => !_spent && (_spent = true);

    /// <summary>Step 4: verifies the joiner's confirmation; on success the peer is in the keyring.</summary>
    public PairingResult Complete(ReadOnlySpan<byte> confirm) => _offer.Complete(this, confirm);
}
