using System.Collections.Concurrent;

namespace Locus.Routing.Learning;

/// <summary>
/// Loaded router models, shared: a config reload that names the same unchanged file reuses the loaded model (the file
/// is read again only when its size or write time changes).
/// </summary>
public static class RouterModels
{
    private static readonly ConcurrentDictionary<(string Path, DateTime Written, long Length), LinearRouterModel> Loaded = new();

    /// <summary>The model in <paramref name="path"/>, or the built-in one when null.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="InvalidDataException">The file is not a router model this build can read.</exception>
    public static LinearRouterModel Get(string? path)
    {
        if (path is null)
        {
            return LearnedComplexityEstimator.LoadDefault().Model;
        }

        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"no router model at {path}", path);
        }

        return Loaded.GetOrAdd((info.FullName, info.LastWriteTimeUtc, info.Length), key => LinearRouterModel.Load(key.Path));
    }
}
