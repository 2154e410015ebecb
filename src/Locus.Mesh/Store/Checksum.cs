using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Locus.Mesh.Store;

/// <summary>
/// The first 8 bytes of a row's SHA-256. SQLite does not checksum pages, and a flipped bit in a delta can still decode
/// into a different, valid change; this makes such damage an error instead. About a microsecond per small delta.
/// </summary>
internal static class Checksum
{
    public static long Of(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(data, hash);
        return BinaryPrimitives.ReadInt64LittleEndian(hash);
    }
}
