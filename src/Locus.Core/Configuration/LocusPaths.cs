namespace Locus.Core.Configuration;

/// <summary>Path helpers shared by the configuration loader and the CLI.</summary>
public static class LocusPaths
{
    /// <summary>The current user's home folder.</summary>
    public static string Home => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    /// <summary>
    /// Replaces a leading <c>~</c> (alone, or followed by a directory separator) with <paramref name="home"/>.
    /// Other paths, including <c>~user/…</c>, are returned unchanged: only the shell knows other users' homes.
    /// </summary>
    public static string ExpandHome(string path, string? home = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path == "~")
        {
            return home ?? Home;
        }

        if (path.Length >= 2 && path[0] == '~' && (path[1] == '/' || path[1] == Path.DirectorySeparatorChar))
        {
            return Path.Join(home ?? Home, path[2..]);
        }

        return path;
    }

    /// <summary>Expands <c>~</c>, then makes the path absolute relative to <paramref name="baseDirectory"/>.</summary>
    public static string Resolve(string path, string baseDirectory, string? home = null) =>
        Path.GetFullPath(ExpandHome(path, home), baseDirectory);
}
