using System.Reflection;
using System.Runtime.InteropServices;
using Locus.Core.Errors;

namespace Locus.Llama.Native;

/// <summary>The folder llama.cpp was loaded from and the full path of each bound library.</summary>
/// <param name="Build">The backend the build was made for (cpu, cuda, vulkan), or "custom" for a configured folder.</param>
internal sealed record NativeLibrarySet(string Folder, IReadOnlyDictionary<string, string> Paths, string Build = BackendSelection.Cpu);

/// <summary>
/// Finds llama.cpp's libraries and maps <c>[LibraryImport("llama")]</c> and friends to them. The search order is
/// the configured folder (llama.native_dir or LOCUS_LLAMA_NATIVE_DIR); else, for each backend llama.backend allows
/// (<see cref="BackendSelection"/>), native/&lt;rid&gt;[-backend] beside the app (where the build puts the pinned
/// prebuilt one), then the download cache. Failures explain what is missing.
/// </summary>
internal static class NativeLibraryResolver
{
    public const string EnvironmentVariable = "LOCUS_LLAMA_NATIVE_DIR";

    private static readonly Lock Gate = new();
    private static NativeLibrarySet? s_installed;

    /// <summary>Candidate folders in search order, each with where it came from and the backend it was built for.</summary>
    public static IReadOnlyList<NativeCandidate> SearchFolders(string? configured, string? environment, string backend = BackendSelection.Cpu,
        Func<string, bool>? driverPresent = null)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return [new(configured, "llama.native_dir", "custom")];
        }

        if (!string.IsNullOrWhiteSpace(environment))
        {
            return [new(environment, EnvironmentVariable, "custom")];
        }

        var rid = RuntimeInformation.RuntimeIdentifier;
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return
        [
            .. BackendSelection.Order(backend, driverPresent ?? DriverPresent)
                .SelectMany(b => BackendSelection.Folders(b, rid, AppContext.BaseDirectory, home)),
        ];
    }

    /// <summary>Whether a GPU backend's driver library can be loaded on this machine.</summary>
    public static bool DriverPresent(string backend)
    {
        if (!NativeLibrary.TryLoad(BackendSelection.DriverLibrary(backend), out var handle))
        {
            return false;
        }

        NativeLibrary.Free(handle);
        return true;
    }

    /// <summary>Locates the libraries without loading them.</summary>
    public static NativeLibrarySet Locate(string? configured, string? environment, string backend = BackendSelection.Cpu)
    {
        var problems = new List<string>();
        foreach (var (folder, source, build) in SearchFolders(configured, environment, backend))
        {
            if (build is not (BackendSelection.Cpu or "custom") && !Directory.Exists(folder))
            {
                continue; // an optional GPU build that is not installed is not a problem to report
            }

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
                return new NativeLibrarySet(Path.GetFullPath(folder), paths, build);
            }

            problems.Add(Directory.Exists(folder)
                ? $"{folder} ({source}) lacks {string.Join(", ", missing)}"
                : $"{folder} ({source}) does not exist");
        }

        throw new LocusException(new LocusError(LocusErrorKind.Unavailable,
            "llama.cpp native libraries not found: " + string.Join("; ", problems) + ". " + HowToFix(), Code: "native_library_missing"));
    }

    /// <summary>Locates the libraries, loads them, and routes this assembly's imports to them. Idempotent.</summary>
    public static NativeLibrarySet Install(string? configured, string? environment, string backend = BackendSelection.Cpu)
    {
        lock (Gate)
        {
            if (s_installed is not null)
            {
                return s_installed;
            }

            var set = Locate(configured, environment, backend);
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
