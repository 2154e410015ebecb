namespace Locus.Llama.Native;

/// <summary>A llama.cpp build to try: its folder, where that folder came from, and the backend it was built for.</summary>
internal sealed record NativeCandidate(string Folder, string Source, string Backend);

/// <summary>
/// Which prebuilt llama.cpp build to load for <c>llama.backend</c>. The CUDA and Vulkan builds carry the same CPU
/// plugins as the CPU build, so loading one on a machine where its GPU plugin cannot start still runs, on the CPU;
/// what this decides is only which build to try first. <c>auto</c> tries a GPU build only where its driver library
/// is present, so a machine without one never pays for loading it.
/// </summary>
internal static class BackendSelection
{
    public const string Cpu = "cpu";
    public const string Cuda = "cuda";
    public const string Vulkan = "vulkan";

    /// <summary>The driver library each GPU build's plugin needs before anything else.</summary>
    public static string DriverLibrary(string backend) => backend switch
    {
        Cuda => OperatingSystem.IsWindows() ? "nvcuda.dll" : "libcuda.so.1",
        Vulkan => OperatingSystem.IsWindows() ? "vulkan-1.dll" : "libvulkan.so.1",
        _ => "",
    };

    /// <summary>Backends to try, best first; the CPU build is always last.</summary>
    public static IReadOnlyList<string> Order(string requested, Func<string, bool> driverPresent)
    {
        ArgumentNullException.ThrowIfNull(driverPresent);
        return requested switch
        {
            Cuda => [Cuda, Cpu],
            Vulkan => [Vulkan, Cpu],
            Cpu => [Cpu],
            _ => [.. new[] { Cuda, Vulkan }.Where(driverPresent), Cpu],
        };
    }

    /// <summary>The folders of one backend's pinned prebuilt build: beside the app, then the download cache.</summary>
    public static IEnumerable<NativeCandidate> Folders(string backend, string rid, string appFolder, string home)
    {
        var variant = backend == Cpu ? rid : $"{rid}-{backend}";
        yield return new(Path.Combine(appFolder, "native", variant), "beside the app", backend);
        yield return new(Path.Combine(home, ".cache", "locus", "native", $"{variant}-{NativePackages.Version}"), "build cache", backend);
    }

    /// <summary>
    /// The sentence to log when a GPU build was chosen but no GPU device came up; null when one did or none was wanted.
    /// </summary>
    public static string? FallbackReason(string requested, string loadedBuild, int gpuDevices, string? pluginError)
    {
        if (loadedBuild is Cuda or Vulkan)
        {
            var why = pluginError is null ? "it found no device" : $"its GPU plugin did not load: {pluginError}";
            return gpuDevices > 0 ? null : $"llama.backend is {requested}: the {loadedBuild} build of llama.cpp loaded, but {why}; running on the CPU.";
        }

        return requested is Cuda or Vulkan && loadedBuild == Cpu
            ? $"llama.backend is {requested}, but no {requested} build of llama.cpp is installed (run build/fetch-gpu-natives.sh {requested}); running on the CPU."
            : null;
    }
}
