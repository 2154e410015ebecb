namespace Locus.Mesh.Security;

/// <summary>Why an incoming envelope was refused. Each value is logged with its own event id (61xx).</summary>
public enum EnvelopeRefusal
{
    None = 0,

    /// <summary>Not an envelope: truncated, unknown version, field sizes wrong, bytes trailing.</summary>
    Malformed,

    /// <summary>Addressed to another node.</summary>
    WrongRecipient,

    /// <summary>No pair key for the sender: never paired here.</summary>
    UnpairedSender,

    /// <summary>The sender was paired and then revoked.</summary>
    RevokedSender,

    /// <summary>The authentication tag does not verify: wrong key, or any byte of the envelope changed.</summary>
    BadMac,

    /// <summary>This sequence number was already accepted from the sender.</summary>
    Replayed,

    /// <summary>Older than every sequence number the replay window still remembers (reordered too far, or replayed).</summary>
    SequenceTooOld,

    /// <summary>The timestamp is further from this node's clock than the allowed skew.</summary>
    ClockSkew,
}

/// <summary>An opened envelope: the payload when <see cref="Refusal"/> is None. Sender is as claimed (unverified) when refused.</summary>
public readonly record struct OpenedMessage(EnvelopeRefusal Refusal, NodeId Sender, ulong Sequence, DateTimeOffset Timestamp, byte[]? Payload)
{
    public bool Accepted => Refusal == EnvelopeRefusal.None;

    public static OpenedMessage Refused(EnvelopeRefusal refusal, NodeId sender = default) => new(refusal, sender, 0, default, null);
}
