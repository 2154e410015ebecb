using System.Reflection;
using System.Runtime.InteropServices;
using Locus.Core.Errors;

namespace Locus.Llama.Native;

/// <summary>The folder llama.cpp was loaded from and the full path of each bound library.</summary>
internal sealed record NativeLibrarySet(string Folder, IReadOnlyDictionary<string, string> Paths);

/// <summary>
/// Finds llama.cpp's libraries and maps <c>[LibraryImport("llama")]</c> and friends to them. The search order is
/// the configured folder (llama.native_dir or LOCUS_LLAMA_NATIVE_DIR), then native/&lt;rid&gt; beside the app (where
/// the build puts the pinned prebuilt one), then the build's download cache. Failures explain what is missing.
/// </summary>
internal static class NativeLibraryResolver
{
    public const string EnvironmentVariable = "LOCUS_LLAMA_NATIVE_DIR";

    private static readonly Lock Gate = new();
    private static NativeLibrarySet? s_installed;

    /// <summary>Candidate folders in search order, each with where it came from.</summary>
    public static IReadOnlyList<(string Folder, string Source)> SearchFolders(string? configured, string? environment)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return [(configured, "llama.native_dir")];
        }

        if (!string.IsNullOrWhiteSpace(environment))
        {
            return [(environment, EnvironmentVariable)];
        }

        var rid = RuntimeInformation.RuntimeIdentifier;
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return
        [
            (Path.Combine(AppContext.BaseDirectory, "native", rid), "beside the app"),
            (Path.Combine(home, ".cache", "locus", "native", $"{rid}-{NativePackages.Version}"), "build cache"),
        ];
    }

    /// <summary>Locates the libraries without loading them.</summary>
    public static NativeLibrarySet Locate(string? configured, string? environment)
    {
        var problems = new List<string>();
        foreach (var (folder, source) in SearchFolders(configured, environment))
        {
            var paths = new Dictionary<string, string>();
            var missing = new List<string>();
            foreach (var name in NativeLibraryNames.All)
            {
                var found = NativeLibraryNames.Candidates(folder, name).FirstOrDefault();
                if (found is null)
                {
                    missing.Add(NativeLibraryNames.DisplayName(name));
                }
                else
                {
                    paths[name] = found;
                }
            }

            if (missing.Count == 0)
            {
                return new NativeLibrarySet(Path.GetFullPath(folder), paths);
            }

            problems.Add(Directory.Exists(folder)
                ? $"{folder} ({source}) lacks {string.Join(", ", missing)}"
                : $"{folder} ({source}) does not exist");
        }

        throw new LocusException(new LocusError(LocusErrorKind.Unavailable,
            "llama.cpp native libraries not found: " + string.Join("; ", problems) + ". " + HowToFix(), Code: "native_library_missing"));
    }

    /// <summary>Locates the libraries, loads them, and routes this assembly's imports to them. Idempotent.</summary>
    public static NativeLibrarySet Install(string? configured, string? environment)
    {
        lock (Gate)
        {
            if (s_installed is not null)
            {
                return s_installed;
            }

            var set = Locate(configured, environment);
            var handles = new Dictionary<string, IntPtr>();
            foreach (var name in new[] { NativeLibraryNames.GgmlBase, NativeLibraryNames.Ggml, NativeLibraryNames.Llama })
            {
                try
                {
                    handles[name] = NativeLibrary.Load(set.Paths[name]);
                }
                catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
                {
                    throw new LocusException(new LocusError(LocusErrorKind.Unavailable,
                        $"could not load {set.Paths[name]}: {e.Message}. It may be built for another CPU or OS, or one of its " +
                        $"own dependencies is missing (check with `ldd`). {HowToFix()}", Code: "native_library_load_failed"), e);
                }
            }

            NativeLibrary.SetDllImportResolver(Assembly.GetExecutingAssembly(),
                (name, _, _) => handles.TryGetValue(name, out var handle) ? handle : IntPtr.Zero);
            s_installed = set;
            return set;
        }
    }

    private static string HowToFix()
    {
        var package = NativePackages.ForCurrentPlatform();
        var fetch = package is null
            ? $"No prebuilt package is pinned for {RuntimeInformation.RuntimeIdentifier}"
            : $"`dotnet build` fetches {package.NpmPackage}@{package.Version} with npm into the cache and copies it beside the app (needs npm on PATH)";
        return $"Fix: {fetch}; or build llama.cpp yourself and set llama.native_dir (or {EnvironmentVariable}) to the folder " +
            "holding libllama, libggml, libggml-base and the ggml backend plugins (libggml-cpu-*).";
    }
}
