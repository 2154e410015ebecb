using System.Security.Cryptography;
using Locus.Mesh.Encoding;

namespace Locus.Mesh.Security;

/// <summary>
/// The key schedule of pairing. Transcript = both nodes' static and ephemeral public keys and nonces. The pair key
/// comes from ephemeral-ephemeral and static-static ECDH; the confirmation key also mixes in the stretched code, so
/// only someone holding the code (and one end of the ephemeral exchange) can confirm.
/// </summary>
internal static class PairingCrypto
{
    public const int NonceBytes = 16;
    public const int KeyBytes = 32;
    private static readonly byte[] PairInfo = System.Text.Encoding.UTF8.GetBytes("locus mesh pair key v1");
    private static readonly byte[] ConfirmInfo = System.Text.Encoding.UTF8.GetBytes("locus mesh pair confirm v1");

    public static byte[] Transcript(PairingHello hello, PairingReply reply) =>
        new VarWriter(512).String("locus-mesh-pair-v1")
            .Bytes(hello.StaticKey).Bytes(hello.EphemeralKey).Bytes(hello.Nonce)
            .Bytes(reply.StaticKey).Bytes(reply.EphemeralKey).Bytes(reply.Nonce).ToArray();

    public static byte[] PairKey(byte[] ephemeralSecret, byte[] staticSecret, byte[] transcript) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, [.. ephemeralSecret, .. staticSecret], KeyBytes, SHA256.HashData(transcript), PairInfo);

    public static byte[] ConfirmKey(byte[] ephemeralSecret, string code, byte[] transcript, int iterations)
    {
        var stretched = Rfc2898DeriveBytes.Pbkdf2(System.Text.Encoding.UTF8.GetBytes(code), SHA256.HashData(transcript), iterations, HashAlgorithmName.SHA256, KeyBytes);
        return HKDF.DeriveKey(HashAlgorithmName.SHA256, [.. ephemeralSecret, .. stretched], KeyBytes, SHA256.HashData(transcript), ConfirmInfo);
    }

    /// <summary>The role byte keeps A's confirmation from being reflected back as B's.</summary>
    public static byte[] Confirmation(byte[] confirmKey, byte role, byte[] transcript) =>
        HMACSHA256.HashData(confirmKey, (byte[])[role, .. transcript]);

    /// <summary>A peer's P-256 public key, or null when the bytes are not one (any curve but P-256 included).</summary>
    public static ECDiffieHellmanPublicKey? ImportPublicKey(ReadOnlySpan<byte> subjectPublicKeyInfo)
    {
        using var key = ECDiffieHellman.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out var read);
            return read == subjectPublicKeyInfo.Length && key.KeySize == 256 ? key.PublicKey : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
