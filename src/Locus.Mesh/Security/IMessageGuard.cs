namespace Locus.Mesh.Security;

/// <summary>
/// Seals outgoing mesh messages for a paired peer and opens incoming ones, refusing (never throwing on) anything
/// unpaired, revoked, forged, tampered, replayed, misaddressed or out of time. Transport-independent: bytes in, bytes out.
/// </summary>
public interface IMessageGuard
{
    /// <exception cref="InvalidOperationException">The recipient is not paired with this node.</exception>
    byte[] Seal(NodeId recipient, ReadOnlySpan<byte> payload);

    OpenedMessage Open(ReadOnlySpan<byte> envelope);
}
