namespace Locus.Core.Models;

/// <summary>An attempt ended early in a way another attempt (resuming) may fix. Never escapes the downloader.</summary>
internal sealed class TransferInterruptedException(string message, long? total, Exception? inner)
    : Exception(message, inner)
{
    public long? Total { get; } = total;
}
