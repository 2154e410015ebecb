namespace Locus.Mesh.Security;

/// <summary>Why a pairing step failed. Each is logged with its own event id.</summary>
public enum PairingRefusal
{
    None = 0,

    /// <summary>The code's lifetime (or the wait for the confirmation) is over.</summary>
    Expired,

    /// <summary>The code allowed its attempts and is burned; show a new one.</summary>
    AttemptsExhausted,

    /// <summary>The code already paired a node; codes are single-use.</summary>
    AlreadyUsed,

    /// <summary>Bytes that are not the expected pairing message, or keys that are not P-256.</summary>
    Malformed,

    /// <summary>The other side's confirmation does not verify: wrong code, or someone in the middle.</summary>
    ConfirmationFailed,

    /// <summary>A node tried to pair with itself.</summary>
    SelfPairing,
}

/// <summary>The outcome of one pairing step: the peer (when pairing completed), or the refusal.</summary>
public readonly record struct PairingResult(PairingRefusal Refusal, PairedPeer? Peer)
{
    public bool Succeeded => Refusal == PairingRefusal.None;

    public static PairingResult Refused(PairingRefusal refusal) => new(refusal, null);
}
