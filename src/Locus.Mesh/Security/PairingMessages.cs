using Locus.Mesh.Encoding;

namespace Locus.Mesh.Security;

/// <summary>Joiner → shower: who I am and my ephemeral key. Keys are SubjectPublicKeyInfo (P-256).</summary>
public sealed record PairingHello(byte[] StaticKey, byte[] EphemeralKey, byte[] Nonce)
{
    private const byte Kind = 1;

    public byte[] Encode() => new VarWriter().Byte(Kind).Bytes(StaticKey).Bytes(EphemeralKey).Bytes(Nonce).ToArray();

    public static PairingHello? Decode(ReadOnlySpan<byte> data) => PairingWire.Read(data, Kind, (ref VarReader r) =>
        new PairingHello(PairingWire.Key(ref r), PairingWire.Key(ref r), PairingWire.Nonce(ref r)));
}

/// <summary>Shower → joiner: who I am, my ephemeral key, and proof that I hold the code for this transcript.</summary>
public sealed record PairingReply(byte[] StaticKey, byte[] EphemeralKey, byte[] Nonce, byte[] Confirmation)
{
    private const byte Kind = 2;

    public byte[] Encode() => new VarWriter().Byte(Kind).Bytes(StaticKey).Bytes(EphemeralKey).Bytes(Nonce).Bytes(Confirmation).ToArray();

    public static PairingReply? Decode(ReadOnlySpan<byte> data) => PairingWire.Read(data, Kind, (ref VarReader r) =>
        new PairingReply(PairingWire.Key(ref r), PairingWire.Key(ref r), PairingWire.Nonce(ref r), PairingWire.Mac(ref r)));
}

/// <summary>Joiner → shower: the joiner's proof that it holds the code too.</summary>
public sealed record PairingConfirm(byte[] Confirmation)
{
    private const byte Kind = 3;

    public byte[] Encode() => new VarWriter().Byte(Kind).Bytes(Confirmation).ToArray();

    public static PairingConfirm? Decode(ReadOnlySpan<byte> data) => PairingWire.Read(data, Kind, (ref VarReader r) =>
        new PairingConfirm(PairingWire.Mac(ref r)));
}

/// <summary>Decoding shared by the three messages: malformed bytes give null, never an exception.</summary>
internal static class PairingWire
{
    private const int MaxKeyBytes = 256;

    public delegate T Body<T>(ref VarReader reader);

    public static T? Read<T>(ReadOnlySpan<byte> data, byte kind, Body<T> body)
        where T : class
    {
        try
        {
            var reader = new VarReader(data);
            if (reader.Byte() != kind)
            {
                return null;
            }

            var message = body(ref reader);
            return reader.End ? message : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public static byte[] Key(ref VarReader reader) => Sized(ref reader, 1, MaxKeyBytes);

    public static byte[] Nonce(ref VarReader reader) => Sized(ref reader, PairingCrypto.NonceBytes, PairingCrypto.NonceBytes);

    public static byte[] Mac(ref VarReader reader) => Sized(ref reader, 32, 32);

    private static byte[] Sized(ref VarReader reader, int min, int max)
    {
        var bytes = reader.Bytes();
        if (bytes.Length < min || bytes.Length > max)
        {
            throw new FormatException($"field of {bytes.Length} bytes, expected {min}..{max}");
        }

        return bytes.ToArray();
    }
}
