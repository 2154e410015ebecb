namespace Locus.Mesh.Store;

/// <summary>Opens mesh stores: one writing instance per file (the node); reads may come from other processes.</summary>
public static class MeshStore
{
    /// <summary>Opens (creating folders, file and schema) the store at <paramref name="path"/>.</summary>
    public static IMeshStore Open(string path, MeshStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = System.IO.Path.GetFullPath(path);
        if (System.IO.Path.GetDirectoryName(fullPath) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        return new SqliteMeshStore(fullPath, options ?? new MeshStoreOptions());
    }
}
