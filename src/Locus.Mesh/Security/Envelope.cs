using System.Security.Cryptography;
using Locus.Mesh.Encoding;

namespace Locus.Mesh.Security;

/// <summary>
/// The wire layout of a mesh message (VarWriter encoding): version byte, sender and recipient ids (fixed 8 bytes each),
/// sequence (varint), timestamp in Unix ms (zig-zag varint), 12-byte nonce — all of that is the AES-GCM associated
/// data — then the ciphertext and the 16-byte tag, each length-prefixed. Nothing may follow.
/// </summary>
internal sealed record Envelope(NodeId Sender, NodeId Recipient, ulong Sequence, long TimestampMs, byte[] Nonce, byte[] Ciphertext, byte[] Tag, byte[] Header)
{
    public const byte Version = 1;
    public const int NonceBytes = 12;
    public const int TagBytes = 16;

    public static byte[] WriteHeader(NodeId sender, NodeId recipient, ulong sequence, long timestampMs, ReadOnlySpan<byte> nonce) =>
        new VarWriter(48).Byte(Version).Fixed64(sender.Value).Fixed64(recipient.Value).UInt(sequence).Int(timestampMs).Bytes(nonce).ToArray();

    public static byte[] Encode(byte[] header, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag) =>
        [.. header, .. new VarWriter(ciphertext.Length + TagBytes + 8).Bytes(ciphertext).Bytes(tag).Written];

    /// <summary>Null for anything that is not a well-formed version-1 envelope.</summary>
    public static Envelope? Decode(ReadOnlySpan<byte> data)
    {
        try
        {
            var reader = new VarReader(data);
            if (reader.Byte() != Version)
            {
                return null;
            }

            var sender = new NodeId(reader.Fixed64());
            var recipient = new NodeId(reader.Fixed64());
            var sequence = reader.UInt();
            var timestamp = reader.Int();
            var nonce = reader.Bytes();
            var headerLength = reader.Position;
            var ciphertext = reader.Bytes();
            var tag = reader.Bytes();
            if (nonce.Length != NonceBytes || tag.Length != TagBytes || !reader.End)
            {
                return null;
            }

            return new Envelope(sender, recipient, sequence, timestamp, nonce.ToArray(), ciphertext.ToArray(), tag.ToArray(), data[..headerLength].ToArray());
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>One key per direction, so the two nodes never encrypt under the same key and nonce space.</summary>
    public static byte[] DirectionKey(byte[] pairKey, NodeId sender, NodeId recipient) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, pairKey, 32, salt: null,
            info: new VarWriter(48).String("locus mesh envelope v1").Fixed64(sender.Value).Fixed64(recipient.Value).ToArray());
}
