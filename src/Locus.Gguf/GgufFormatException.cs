namespace Locus.Gguf;

/// <summary>
/// A file is not valid GGUF: wrong magic, unsupported version, truncated, or holding sizes that
/// cannot be right. The message names what is wrong and where.
/// </summary>
public sealed class GgufFormatException : FormatException
{
    /// <summary>Creates the exception with a message.</summary>
    public GgufFormatException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public GgufFormatException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a message and the byte offset it concerns.</summary>
    public GgufFormatException(string message, long offset) : base(message) => Offset = offset;

    /// <summary>Creates the exception with no message (for serializers and frameworks).</summary>
    public GgufFormatException()
    {
    }

    /// <summary>Byte offset in the file where the problem was found, when known.</summary>
    public long? Offset { get; }
}
