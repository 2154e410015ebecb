using Locus.Core.Errors;
using Locus.Llama.Native;

namespace Locus.Llama.Tests.Native;

public sealed class NativeLibraryResolverTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("locus-native-").FullName;

    [Fact]
    public void Locate_ConfiguredFolderMissing_SaysWhichFolderAndHowToFix()
    {
        var missing = Path.Combine(_folder, "nope");
        var error = Assert.Throws<LocusException>(() => NativeLibraryResolver.Locate(missing, null));

        Assert.Equal("native_library_missing", error.Error.Code);
        Assert.Contains($"{missing} (llama.native_dir) does not exist", error.Message);
        Assert.Contains("LOCUS_LLAMA_NATIVE_DIR", error.Message);
        Assert.Contains("@node-llama-cpp/linux-x64@3.22.1", error.Message);
    }

    [Fact]
    public void Locate_FolderWithOnlyLibllama_NamesTheMissingLibraries()
    {
        File.WriteAllText(Path.Combine(_folder, "libllama.so"), "");
        var error = Assert.Throws<LocusException>(() => NativeLibraryResolver.Locate(null, _folder));

        Assert.Contains("(LOCUS_LLAMA_NATIVE_DIR) lacks libggml.so, libggml-base.so", error.Message);
    }

    [Fact]
    public void Locate_VersionedPrebuiltNames_AreFound_AndPluginsAreNotMistakenForGgml()
    {
        foreach (var name in new[] { "libggml-cpu-haswell.so", "libllama.v0.5.0.so", "libggml.v0.5.0.so", "libggml-base.so" })
        {
            File.WriteAllText(Path.Combine(_folder, name), "");
        }

        var set = NativeLibraryResolver.Locate(_folder, null);

        Assert.EndsWith("libllama.v0.5.0.so", set.Paths["llama"]);
        Assert.EndsWith("libggml.v0.5.0.so", set.Paths["ggml"]);
        Assert.EndsWith("libggml-base.so", set.Paths["ggml-base"]);
    }

    [Fact]
    public void SearchFolders_NothingConfigured_LooksBesideTheAppThenInTheBuildCache()
    {
        var folders = NativeLibraryResolver.SearchFolders(null, null);

        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "native", "linux-x64"), folders[0].Folder);
        Assert.EndsWith(Path.Combine(".cache", "locus", "native", "linux-x64-3.22.1"), folders[1].Folder);
    }

    [Fact]
    public void Packages_KnowOtherPlatforms_AndPinIntegrityForLinuxX64()
    {
        Assert.Equal("@node-llama-cpp/mac-arm64-metal", NativePackages.ForRid("osx-arm64")!.NpmPackage);
        Assert.Equal("@node-llama-cpp/win-x64", NativePackages.ForRid("win-x64")!.NpmPackage);
        Assert.Equal("@node-llama-cpp/linux-x64-cuda", NativePackages.ForRid("linux-x64-cuda")!.NpmPackage);
        Assert.Equal("@node-llama-cpp/linux-x64-vulkan", NativePackages.ForRid("linux-x64-vulkan")!.NpmPackage);
        Assert.StartsWith("sha512-", NativePackages.ForRid("linux-x64")!.Integrity);
    }

    [Fact]
    public void Build_PlacedPinnedLibrariesBesideTheApp()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "native", "linux-x64");

        Assert.True(File.Exists(Path.Combine(folder, "libllama.v0.5.0.so")), "the build should copy the natives beside the app");
        Assert.NotEmpty(Directory.GetFiles(folder, "libggml-cpu-*.so"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
