using Microsoft.Extensions.Logging;

namespace Locus.Mesh.Security;

/// <summary>
/// Mesh security log lines, stable event ids 61xx: one id per refusal reason so each can be counted and alerted on.
/// Never logs key material, codes or payloads — only node ids, roles and reasons.
/// </summary>
internal static partial class SecurityLog
{
    [LoggerMessage(6101, LogLevel.Information, "Mesh pairing as {Role} completed with node {Peer}")]
    public static partial void Paired(ILogger logger, NodeId peer, string role);

    [LoggerMessage(6102, LogLevel.Warning, "Mesh pairing as {Role} refused: {Reason}")]
    public static partial void PairingRefused(ILogger logger, string role, PairingRefusal reason);

    [LoggerMessage(6103, LogLevel.Debug, "Mesh peer {Peer} stored in the keyring")]
    public static partial void PeerStored(ILogger logger, NodeId peer);

    [LoggerMessage(6104, LogLevel.Information, "Mesh peer {Peer} revoked; its messages are refused from now on")]
    public static partial void PeerRevoked(ILogger logger, NodeId peer);

    [LoggerMessage(6111, LogLevel.Warning, "Mesh message refused: malformed envelope")]
    private static partial void Malformed(ILogger logger);

    [LoggerMessage(6112, LogLevel.Warning, "Mesh message from {Sender} refused: addressed to another node")]
    private static partial void WrongRecipient(ILogger logger, NodeId sender);

    [LoggerMessage(6113, LogLevel.Warning, "Mesh message from {Sender} refused: sender is not paired")]
    private static partial void UnpairedSender(ILogger logger, NodeId sender);

    [LoggerMessage(6114, LogLevel.Warning, "Mesh message from {Sender} refused: sender was revoked")]
    private static partial void RevokedSender(ILogger logger, NodeId sender);

    [LoggerMessage(6115, LogLevel.Warning, "Mesh message from {Sender} refused: authentication failed (wrong key or tampered)")]
    private static partial void BadMac(ILogger logger, NodeId sender);

    [LoggerMessage(6116, LogLevel.Warning, "Mesh message from {Sender} refused: replayed sequence number")]
    private static partial void Replayed(ILogger logger, NodeId sender);

    [LoggerMessage(6117, LogLevel.Warning, "Mesh message from {Sender} refused: sequence number older than the replay window")]
    private static partial void SequenceTooOld(ILogger logger, NodeId sender);

    [LoggerMessage(6118, LogLevel.Warning, "Mesh message from {Sender} refused: timestamp outside the allowed clock skew")]
    private static partial void ClockSkew(ILogger logger, NodeId sender);

    public static void EnvelopeRefused(ILogger logger, EnvelopeRefusal reason, NodeId sender)
    {
        switch (reason)
        {
            case EnvelopeRefusal.Malformed: Malformed(logger); break;
            case EnvelopeRefusal.WrongRecipient: WrongRecipient(logger, sender); break;
            case EnvelopeRefusal.UnpairedSender: UnpairedSender(logger, sender); break;
            case EnvelopeRefusal.RevokedSender: RevokedSender(logger, sender); break;
            case EnvelopeRefusal.BadMac: BadMac(logger, sender); break;
            case EnvelopeRefusal.Replayed: Replayed(logger, sender); break;
            case EnvelopeRefusal.SequenceTooOld: SequenceTooOld(logger, sender); break;
            case EnvelopeRefusal.ClockSkew: ClockSkew(logger, sender); break;
            default: throw new ArgumentOutOfRangeException(nameof(reason), reason, "not a refusal");
        }
    }
}
