namespace Locus.Gguf;

/// <summary>
/// Reads GGUF (v2 and v3) headers: metadata and tensor layout, never the tensor data, so even a
/// file of many gigabytes opens in milliseconds.
/// </summary>
public static class GgufReader
{
    /// <summary>Reads the header of the GGUF file at <paramref name="path"/>.</summary>
    /// <exception cref="GgufFormatException">The file is not valid GGUF; the message says what and where.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="IOException">The file could not be read.</exception>
    public static GgufFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);

        // bufferSize 0: the parser does its own buffering; FileStream's would only copy twice.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        return Read(stream, stream.Length);
    }

    /// <summary>
    /// Reads a GGUF header starting at the stream's current position. <paramref name="length"/> is the
    /// size of the GGUF data from there; it defaults to the rest of a seekable stream. Without a length,
    /// sizes are checked only against GGUF's limits and tensor data cannot be checked to lie in the file.
    /// </summary>
    /// <exception cref="GgufFormatException">The data is not valid GGUF; the message says what and where.</exception>
    /// <exception cref="IOException">The stream could not be read.</exception>
    public static GgufFile Read(Stream stream, long? length = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (length is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "must not be negative");
        }

        length ??= stream.CanSeek ? stream.Length - stream.Position : null;
        return new GgufParser(new BinarySource(stream, length)).Parse();
    }
}
