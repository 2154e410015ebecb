namespace Locus.Mesh.Store;

/// <summary>
/// A stored document cannot be read back as it was written (a row that does not decode, fails its checksum, or names
/// an unknown kind), or a write names a document wrongly. Always names the document: the store never drops a row it
/// cannot read and carries on.
/// </summary>
public sealed class MeshStoreException : Exception
{
    public MeshStoreException(string documentId, string message, Exception? inner = null)
        : base($"mesh document '{documentId}': {message}", inner) => DocumentId = documentId;

    public MeshStoreException()
        : this("?", "mesh store error")
    {
    }

    public MeshStoreException(string message)
        : this("?", message)
    {
    }

    public MeshStoreException(string message, Exception inner)
        : this("?", message, inner)
    {
    }

    public string DocumentId { get; } = "?";
}
