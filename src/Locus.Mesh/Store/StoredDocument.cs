namespace Locus.Mesh.Store;

/// <summary>
/// A document as the file holds it: the latest snapshot (null before the first compaction), the sequence number of
/// the last log entry folded into it, and the log entries appended since, in order. Checksums are already verified.
/// </summary>
public sealed record StoredDocument(string Id, DocumentKind Kind, byte[]? Snapshot, long SnapshotSequence, IReadOnlyList<StoredDelta> Log)
{
    /// <summary>The sequence number of the newest entry this read saw: what a compaction built from it covers.</summary>
    public long LastSequence => Log.Count > 0 ? Log[^1].Sequence : SnapshotSequence;
}

/// <summary>One appended delta: its store-wide sequence number (never reused) and its encoded bytes.</summary>
public sealed record StoredDelta(long Sequence, byte[] Body);
