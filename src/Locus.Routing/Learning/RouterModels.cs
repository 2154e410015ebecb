using System.Collections.Concurrent;
using Locus.Core.Errors;

namespace Locus.Routing.Learning;

/// <summary>
/// Loaded router models, shared: a config reload that names the same unchanged file reuses the loaded model (the file
/// is read again only when its size or write time changes).
/// </summary>
public static class RouterModels
{
    /// <summary>Name of the model shipped inside this assembly (trained on RouteLLM mmlu, gsm8k and mt_bench).</summary>
    public const string DefaultResourceName = "Locus.Routing.Learning.default-router.lrtm";

    private static readonly ConcurrentDictionary<(string Path, DateTime Written, long Length), LinearRouterModel> Loaded = new();

    private static readonly Lazy<LinearRouterModel> DefaultModel = new(LoadDefault);

    /// <summary>The model shipped in this assembly.</summary>
    public static LinearRouterModel Default => DefaultModel.Value;

    public static bool HasDefault => typeof(RouterModels).Assembly.GetManifestResourceInfo(DefaultResourceName) is not null;

    /// <summary>The model in <paramref name="path"/>, or the built-in one when null.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="InvalidDataException">The file is not a router model this build can read.</exception>
    public static LinearRouterModel Get(string? path)
    {
        if (path is null)
        {
            return Default;
        }

        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"no router model at {path}", path);
        }

        return Loaded.GetOrAdd((info.FullName, info.LastWriteTimeUtc, info.Length), key => LinearRouterModel.Load(key.Path));
    }

    private static LinearRouterModel LoadDefault()
    {
        using var stream = typeof(RouterModels).Assembly.GetManifestResourceStream(DefaultResourceName)
            ?? throw new LocusException(new LocusError(LocusErrorKind.Unavailable,
                $"The built-in learned router model ({DefaultResourceName}) is not embedded in this build. Locus.Routing.csproj must embed Learning/default-router.lrtm; or train one with `locus router train` and load it with LinearRouterModel.Load.",
                null, "router_model_missing"));
        return LinearRouterModel.Load(stream);
    }
}
