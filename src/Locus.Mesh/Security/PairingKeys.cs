using System.Security.Cryptography;

namespace Locus.Mesh.Security;

/// <summary>One side's view of a completed key exchange: the pair key and both confirmations it expects.</summary>
internal sealed record PairingKeys(byte[] PairKey, byte[] ShowerConfirmation, byte[] JoinerConfirmation)
{
    public const byte ShowerRole = (byte)'A';
    public const byte JoinerRole = (byte)'B';

    /// <summary>Null when the peer's keys are not P-256 public keys.</summary>
    public static PairingKeys? Derive(NodeIdentity self, ECDiffieHellman ephemeral, byte[] peerStatic, byte[] peerEphemeral,
        PairingHello hello, PairingReply reply, string code, int iterations)
    {
        using var peerStaticKey = PairingCrypto.ImportPublicKey(peerStatic);
        using var peerEphemeralKey = PairingCrypto.ImportPublicKey(peerEphemeral);
        if (peerStaticKey is null || peerEphemeralKey is null)
        {
            return null;
        }

        var transcript = PairingCrypto.Transcript(hello, reply);
        byte[] ephemeralSecret, staticSecret;
        try
        {
            ephemeralSecret = ephemeral.DeriveRawSecretAgreement(peerEphemeralKey);
            staticSecret = self.Agree(peerStaticKey);
        }
        catch (CryptographicException)
        {
            return null; // a point the library refuses (not on the curve, infinity)
        }

        try
        {
            var confirmKey = PairingCrypto.ConfirmKey(ephemeralSecret, code, transcript, iterations);
            return new PairingKeys(
                PairingCrypto.PairKey(ephemeralSecret, staticSecret, transcript),
                PairingCrypto.Confirmation(confirmKey, ShowerRole, transcript),
                PairingCrypto.Confirmation(confirmKey, JoinerRole, transcript));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(ephemeralSecret);
            CryptographicOperations.ZeroMemory(staticSecret);
        }
    }

    public static byte[] NewNonce() => RandomNumberGenerator.GetBytes(PairingCrypto.NonceBytes);

    public static ECDiffieHellman NewEphemeral() => ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
}
