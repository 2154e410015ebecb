using Locus.Llama.Native;

namespace Locus.Llama.Tests.Native;

public sealed class BackendSelectionTests
{
    [Theory]
    [InlineData("cpu", true, true, "cpu")]
    [InlineData("cuda", false, false, "cuda,cpu")]
    [InlineData("vulkan", false, false, "vulkan,cpu")]
    [InlineData("auto", false, false, "cpu")]
    [InlineData("auto", true, false, "cuda,cpu")]
    [InlineData("auto", false, true, "vulkan,cpu")]
    [InlineData("auto", true, true, "cuda,vulkan,cpu")]
    public void Order_RequestAndDrivers_TriesGpuBuildsOnlyWhereAsked(string requested, bool cuda, bool vulkan, string expected)
    {
        var order = BackendSelection.Order(requested, b => b == "cuda" ? cuda : vulkan);

        Assert.Equal(expected, string.Join(",", order));
    }

    [Fact]
    public void Folders_GpuBackend_NamesTheVariantBesideTheAppThenInTheCache()
    {
        var folders = BackendSelection.Folders("vulkan", "linux-x64", "/app", "/home/u").ToList();

        Assert.Equal(["/app/native/linux-x64-vulkan", "/home/u/.cache/locus/native/linux-x64-vulkan-3.22.1"], folders.Select(f => f.Folder));
        Assert.All(folders, f => Assert.Equal("vulkan", f.Backend));
    }

    [Fact]
    public void SearchFolders_BackendCudaWithoutDriver_StillTriesTheCudaBuildFirst()
    {
        var folders = NativeLibraryResolver.SearchFolders(null, null, "cuda", _ => false);

        Assert.Equal(["cuda", "cuda", "cpu", "cpu"], folders.Select(f => f.Backend));
    }

    [Fact]
    public void FallbackReason_GpuBuildWithoutDevice_SaysWhyAndThatItRunsOnTheCpu()
    {
        var reason = BackendSelection.FallbackReason("auto", "cuda", gpuDevices: 0, "libcudart.so.13: cannot open shared object file");

        Assert.Equal("llama.backend is auto: the cuda build of llama.cpp loaded, but its GPU plugin did not load: " +
            "libcudart.so.13: cannot open shared object file; running on the CPU.", reason);
    }

    [Fact]
    public void FallbackReason_GpuAskedButNotInstalled_PointsAtTheFetchScript()
    {
        var reason = BackendSelection.FallbackReason("cuda", "cpu", gpuDevices: 0, null);

        Assert.Contains("build/fetch-gpu-natives.sh cuda", reason);
    }

    [Theory]
    [InlineData("auto", "cpu", 0)]
    [InlineData("cpu", "cpu", 0)]
    [InlineData("vulkan", "vulkan", 1)]
    [InlineData("auto", "custom", 0)]
    public void FallbackReason_NothingToReport_IsNull(string requested, string build, int gpus)
    {
        Assert.Null(BackendSelection.FallbackReason(requested, build, gpus, null));
    }
}
