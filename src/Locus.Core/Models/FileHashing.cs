using System.Globalization;
using System.Security.Cryptography;

namespace Locus.Core.Models;

/// <summary>SHA-256 of files on disk, and a marker that saves re-hashing a large file that has not changed.</summary>
internal static class FileHashing
{
    private const string MarkerSuffix = ".verified";

    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        var stream = new FileStream(
            path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using var streamLifetime = stream.ConfigureAwait(false);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Feeds the first <paramref name="length"/> bytes of <paramref name="stream"/> to the hash (a resumed download's kept part).</summary>
    public static async Task AppendPrefixAsync(
        IncrementalHash hash, Stream stream, long length, int bufferSize, CancellationToken cancellationToken)
    {
        stream.Position = 0;
        var buffer = new byte[bufferSize];
        for (var left = length; left > 0;)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException($"The partial file ended after {length - left} of {length} bytes while it was being hashed.");
            }

            hash.AppendData(buffer, 0, read);
            left -= read;
        }
    }

    /// <summary>
    /// True when a marker written by <see cref="WriteMarker"/> still describes the file: same digest, size and
    /// modification time. Anything that rewrites the file changes the time, so a stale marker is not trusted.
    /// </summary>
    public static bool HasValidMarker(string path, string sha256)
    {
        try
        {
            var marker = File.ReadAllText(path + MarkerSuffix).Trim();
            return marker == Describe(path, sha256);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Best effort: without a marker the next start only costs a re-hash.</summary>
    public static void WriteMarker(string path, string sha256)
    {
        try
        {
            File.WriteAllText(path + MarkerSuffix, Describe(path, sha256) + "\n");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static string Describe(string path, string sha256)
    {
        var info = new FileInfo(path);
        return string.Create(CultureInfo.InvariantCulture, $"{sha256} {info.Length} {info.LastWriteTimeUtc.Ticks}");
    }
}
