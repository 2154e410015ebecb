namespace Locus.Mesh.Store;

/// <summary>
/// Durable storage for the node's replicated documents: per document a snapshot of its encoded state plus an
/// append-only log of encoded deltas applied since. Bytes only; <see cref="MeshDocuments"/> turns them into CRDTs.
/// </summary>
public interface IMeshStore : IDisposable
{
    /// <summary>The file this store writes.</summary>
    string Path { get; }

    /// <summary>Creates the document if it does not exist; an existing one must be of the same kind.</summary>
    void Create(string documentId, DocumentKind kind);

    /// <summary>
    /// Appends one encoded delta to the document's log and returns its sequence number once the transaction has
    /// committed: from then on the change survives the process being killed (and power loss with
    /// <see cref="MeshStoreOptions.FullSync"/>).
    /// </summary>
    long Append(string documentId, ReadOnlySpan<byte> delta);

    /// <summary>
    /// Replaces the document's snapshot with <paramref name="snapshot"/>, which must contain every log entry up to
    /// <paramref name="throughSequence"/>, and deletes those entries, in one transaction. Entries appended later stay.
    /// </summary>
    void Compact(string documentId, ReadOnlySpan<byte> snapshot, long throughSequence);

    /// <summary>Reads the document's snapshot and log in one consistent read (safe beside a writer).</summary>
    StoredDocument Read(string documentId);

    /// <summary>Every document's id and kind.</summary>
    IReadOnlyList<(string Id, DocumentKind Kind)> Documents();
}
