namespace Locus.Mesh.Security;

/// <summary>What pairing leaves on both sides: the peer's id and public key and the 32-byte key the two share.</summary>
public sealed record PairedPeer(NodeId Id, byte[] PublicKey, byte[] PairKey, DateTimeOffset PairedAt);
