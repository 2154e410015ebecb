using System.Text.Json;

namespace Locus.Cli.Tests;

/// <summary>
/// llama.backend on a machine without a GPU (as CI is): the GPU builds of llama.cpp still load, say in one sentence why
/// they run on the CPU, and generate there; the CPU build is used as it is.
/// </summary>
public sealed class BackendCliTests
{
    // The real home, where build/fetch-gpu-natives.sh (run by .ci/run) leaves the Vulkan build.
    private static readonly Dictionary<string, string> RealHome = new() { ["HOME"] = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) };

    [ModelFact]
    public async Task Bench_BackendVulkanWithoutAGpu_FallsBackToTheCpuWithOneSentenceAndGenerates()
    {
        var vulkan = Path.Combine(RealHome["HOME"], ".cache", "locus", "native", "linux-x64-vulkan-3.22.1");
        Assert.True(Directory.Exists(vulkan), $"{vulkan} is missing: run build/fetch-gpu-natives.sh vulkan (.ci/run does)");

        var (code, stdout, stderr) = await Bench("vulkan");

        Assert.Equal(0, code);
        var run = FirstRun(stdout);
        Assert.Equal("vulkan", run.GetProperty("build").GetString());
        Assert.True(run.GetProperty("tg_tps").GetDouble() > 0);
        var sentence = Assert.Single(stderr.Split('\n'), l => l.Contains("llama.backend is vulkan", StringComparison.Ordinal));
        Assert.Contains("running on the CPU", sentence);
        Assert.Contains("libvulkan", sentence); // the loader's own reason: the Vulkan driver library is missing
    }

    [ModelFact]
    public async Task Bench_BackendCpu_LoadsTheCpuBuildWithoutAWord()
    {
        var (code, stdout, stderr) = await Bench("cpu");

        Assert.Equal(0, code);
        Assert.Equal("cpu", FirstRun(stdout).GetProperty("build").GetString());
        Assert.DoesNotContain("running on the CPU", stderr + stdout);
    }

    [ModelFact]
    public async Task Bench_BackendAutoWithoutGpuDrivers_PicksTheCpuBuild()
    {
        var (code, stdout, _) = await Bench("auto");

        Assert.Equal(0, code);
        Assert.Equal("cpu", FirstRun(stdout).GetProperty("build").GetString());
    }

    private static JsonElement FirstRun(string stdout) => JsonDocument.Parse(stdout.Split('\n').First(l => l.StartsWith('{'))).RootElement;

    private static Task<(int Code, string Stdout, string Stderr)> Bench(string backend) =>
        LocusProcess.RunAsync(RealHome, "bench", "--model", SharedModels.Stories, "--backend", backend, "--threads", "2",
            "--prompt-tokens", "16", "--gen-tokens", "8", "--reps", "1");
}
