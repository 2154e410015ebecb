using System.Text.Json;

namespace Locus.Cli.Tests;

/// <summary>`locus bench --synthetic` end to end: a random-weight model of a real shape, measured by the real llama.cpp.</summary>
public sealed class SyntheticBenchCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("locus-cli-synthetic-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [ModelFact]
    public async Task BenchSynthetic_TinyQwenShape_MeasuresPredictsSavesCalibrationAndDeletesTheFile()
    {
        // One Qwen2.5-0.5B-wide layer with its full 151,936-token vocabulary: real widths, seconds to run on two cores.
        var temp = Directory.CreateDirectory(Path.Combine(_dir, "tmp")).FullName;
        var calibration = Path.Combine(_dir, "calibration.json");
        var (code, stdout, stderr) = await LocusProcess.RunAsync(new Dictionary<string, string> { ["TMPDIR"] = temp },
            "bench", "--synthetic", "qwen2:0.15b:q4_0", "-p", "16", "-n", "4", "-r", "2", "-t", "2", "--json", "--save-calibration", calibration);
        Assert.True(code == 0, stderr + stdout);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;

        Assert.Equal(("qwen2", "Q4_0", "Qwen2.5 0.5B"), (root.GetProperty("arch").GetString(), root.GetProperty("quant").GetString(), root.GetProperty("preset").GetString()));
        Assert.Equal(151936, root.GetProperty("vocab").GetInt32());
        Assert.Equal("0.15b", root.GetProperty("size").GetString());
        // One layer (14.9M) plus the tied 151,936 × 896 embedding at 4.5 bits per weight.
        Assert.InRange(root.GetProperty("weight_bytes").GetInt64(), 80_000_000, 90_000_000);
        foreach (var name in new[] { "prefill_tokens_per_s", "decode_tokens_per_s", "predicted_prefill_tokens_per_s", "predicted_decode_tokens_per_s", "bandwidth_gbs" })
        {
            Assert.True(root.GetProperty(name).GetDouble() > 0, name);
        }

        Assert.Equal(2, root.GetProperty("decode_runs").GetArrayLength());
        Assert.True(double.IsFinite(root.GetProperty("error_pct").GetProperty("decode").GetDouble()));
        Assert.Empty(Directory.GetFiles(temp, "*.gguf"));

        // The saved calibration makes `locus plan --device this` use this machine's own efficiency.
        var (planCode, planOut, planErr) = await LocusProcess.RunAsync(null, "plan", "--device", "this", "--params-b", "0.5", "--quant", "Q4_0",
            "--calibration", calibration, "--json");
        Assert.True(planCode == 0, planErr + planOut);
        using var plan = JsonDocument.Parse(planOut);
        var fitted = root.GetProperty("calibration_efficiency").GetProperty("decode_bandwidth").GetDouble();
        // The bench rounds to 4 decimals, the plan prints its own rounding: compare within a tolerance, not by digits
        // (0.50454 and 0.5045 round apart at 3 places).
        Assert.Equal(fitted, plan.RootElement.GetProperty("efficiency").GetProperty("decode_bandwidth").GetDouble(), tolerance: 1e-3);
        Assert.Equal(0, plan.RootElement.GetProperty("efficiency").GetProperty("decode_layer_overhead_s").GetDouble());
    }

    [Fact]
    public async Task BenchSynthetic_UnwritableQuant_ListsTheSupportedOnes()
    {
        var (code, stdout, _) = await LocusProcess.RunAsync(null, "bench", "--synthetic", "llama:1b:q4_k_m", "--tokenizer", "/nonexistent.gguf");

        Assert.Equal(1, code);
        Assert.Contains("supported: f32, f16, q8_0, q4_0", Flat(stdout), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_NeitherModelNorSynthetic_SaysWhatToPass()
    {
        var (code, stdout, _) = await LocusProcess.RunAsync(null, "bench");

        Assert.Equal(1, code);
        Assert.Contains("--synthetic ARCH:SIZE:QUANT", Flat(stdout), StringComparison.Ordinal);
    }

    /// <summary>The console wraps long lines at its width; compare the text with any run of whitespace as one space.</summary>
    private static string Flat(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");
}
