using System.Security.Cryptography;

namespace Locus.Mesh.Security;

/// <summary>
/// A node's long-term ECDH P-256 key pair (X25519 has no public API in .NET 10's System.Security.Cryptography).
/// The private key leaves only through <see cref="ExportPkcs8"/>, for whoever persists it; it is never logged.
/// </summary>
public sealed class NodeIdentity : IDisposable
{
    private readonly ECDiffieHellman _key;

    private NodeIdentity(ECDiffieHellman key)
    {
        _key = key;
        PublicKey = key.ExportSubjectPublicKeyInfo();
        Id = NodeId.FromPublicKey(PublicKey);
    }

    public NodeId Id { get; }

    /// <summary>SubjectPublicKeyInfo (DER), as sent during pairing.</summary>
    public byte[] PublicKey { get; }

    public static NodeIdentity Create() => new(ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256));

    public static NodeIdentity FromPkcs8(ReadOnlySpan<byte> pkcs8)
    {
        var key = ECDiffieHellman.Create();
        key.ImportPkcs8PrivateKey(pkcs8, out _);
        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new CryptographicException($"a node key must be P-256, not {key.KeySize} bits");
        }

        return new NodeIdentity(key);
    }

    public byte[] ExportPkcs8() => _key.ExportPkcs8PrivateKey();

    /// <summary>Static-static agreement with a peer: binds the pair key to both long-term keys.</summary>
    internal byte[] Agree(ECDiffieHellmanPublicKey peer) => _key.DeriveRawSecretAgreement(peer);

    public void Dispose() => _key.Dispose();
}
