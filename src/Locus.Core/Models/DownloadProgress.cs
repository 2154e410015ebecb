namespace Locus.Core.Models;

/// <summary>How far a model download has got.</summary>
/// <param name="BytesDone">Bytes of the file on disk so far, including any part kept from an earlier, interrupted run.</param>
/// <param name="TotalBytes">The file's full size, or null when neither the server nor the configuration says.</param>
/// <param name="BytesPerSecond">Average transfer speed of this run (bytes received over time elapsed); 0 at the start.</param>
public readonly record struct DownloadProgress(long BytesDone, long? TotalBytes, double BytesPerSecond);
