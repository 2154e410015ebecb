using System.Globalization;
using System.Security.Cryptography;

namespace Locus.Mesh.Security;

/// <summary>
/// A node's name in the mesh: the first 8 bytes of SHA-256 of its public key, so an id cannot be claimed without the
/// key behind it (pairing checks the key; every later message is keyed by the pair key bound to it).
/// </summary>
public readonly record struct NodeId(ulong Value)
{
    public static NodeId FromPublicKey(ReadOnlySpan<byte> subjectPublicKeyInfo) =>
        new(BitConverter.ToUInt64(SHA256.HashData(subjectPublicKeyInfo)));

    public override string ToString() => Value.ToString("x16", CultureInfo.InvariantCulture);
}
