namespace Locus.Testing;

/// <summary>The folder holding Locus.slnx, found upward from the test binaries; <c>../shared</c> sits beside it.</summary>
public static class RepositoryRoot
{
    public static string? Path { get; } = Locate();

    /// <summary>A path under <c>../shared</c> beside the repository, or null when the repository was not found.</summary>
    public static string? Shared(params string[] parts) =>
        Path is null ? null : System.IO.Path.GetFullPath(System.IO.Path.Combine([Path, "..", "shared", .. parts]));

    private static string? Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Locus.slnx")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
