namespace Locus.Mesh.Store;

/// <summary>How the mesh store writes its file.</summary>
public sealed record MeshStoreOptions
{
    /// <summary>
    /// fsync the write-ahead log at every commit (SQLite <c>synchronous=FULL</c>), so an acknowledged change also
    /// survives power loss and OS crashes. Off (<c>synchronous=NORMAL</c>, the default), a commit is a write into the
    /// OS page cache: it survives the Locus process being killed (<c>kill -9</c>), but the last commits before a
    /// power cut may be lost (the file itself stays consistent either way).
    /// </summary>
    public bool FullSync { get; init; }
}
