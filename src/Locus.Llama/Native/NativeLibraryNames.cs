using System.Runtime.InteropServices;

namespace Locus.Llama.Native;

/// <summary>
/// File names of the three libraries Locus binds, per OS. Prebuilt sonames carry a version
/// (<c>libllama.v0.5.0.so</c>) while a user's own cmake build has <c>libllama.so</c>: both match.
/// </summary>
internal static class NativeLibraryNames
{
    public const string Llama = "llama";
    public const string Ggml = "ggml";
    public const string GgmlBase = "ggml-base";

    public static IReadOnlyList<string> All { get; } = [Llama, Ggml, GgmlBase];

    /// <summary>Candidate file names for <paramref name="name"/> in a folder, best first.</summary>
    public static IEnumerable<string> Candidates(string folder, string name)
    {
        var (prefix, ext) = OperatingSystem.IsWindows() ? ("", ".dll")
            : OperatingSystem.IsMacOS() ? ("lib", ".dylib")
            : ("lib", ".so");
        var exact = Path.Combine(folder, prefix + name + ext);
        if (File.Exists(exact))
        {
            yield return exact;
        }

        if (!Directory.Exists(folder))
        {
            yield break;
        }

        // lib<name>.v0.5.0.so, lib<name>.so.0, lib<name>.0.dylib; never lib<name>-cpu-*.so (backend plugins).
        foreach (var path in Directory.EnumerateFiles(folder, prefix + name + ".*").Order(StringComparer.Ordinal))
        {
            var file = Path.GetFileName(path);
            if (file.Contains(ext, StringComparison.Ordinal) && path != exact)
            {
                yield return path;
            }
        }
    }

    public static string DisplayName(string name) =>
        OperatingSystem.IsWindows() ? name + ".dll" : "lib" + name + (OperatingSystem.IsMacOS() ? ".dylib" : ".so");

    public static bool IsWindows => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
}
