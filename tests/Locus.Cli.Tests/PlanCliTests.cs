using System.Text.Json;

namespace Locus.Cli.Tests;

/// <summary>`locus plan` end to end: the real program, its JSON and its errors.</summary>
public sealed class PlanCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("locus-cli-plan-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task PlanJson_DeviceAndParams_PrintsOneObjectWithSpeedsAndFit()
    {
        var (code, stdout, stderr) = await LocusProcess.RunAsync(null, "plan", "--device", "apple-m2-max", "--params-b", "8", "--quant", "Q4_K_M", "--ctx", "8192", "--json");
        Assert.True(code == 0, stderr + stdout);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        var decode = root.GetProperty("decode_tokens_per_s").GetDouble();
        Assert.InRange(decode, 20, 120); // 400 GB/s ÷ ~4.9 GB of weights, less the fitted losses
        Assert.True(root.GetProperty("prefill_tokens_per_s").GetDouble() > decode);
        Assert.True(root.GetProperty("fits").GetBoolean());
        Assert.Equal(root.GetProperty("weights_bytes").GetInt64() + root.GetProperty("kv_bytes").GetInt64() + root.GetProperty("compute_bytes").GetInt64(),
            root.GetProperty("memory_bytes").GetInt64());
        Assert.Equal(128 * 1024 * 8192L, root.GetProperty("kv_bytes").GetInt64()); // shaped like Llama-3 8B: 128 KiB per token
        Assert.Equal("bandwidth", root.GetProperty("decode_limit").GetString());
        Assert.Contains("discussion 4167", root.GetProperty("sources").GetProperty("bandwidth_gbs").GetProperty("source").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanJson_BandwidthOnly_UsesTheGivenBandwidth()
    {
        var slow = await Decode("--bandwidth-gbs", "100", "--tflops", "10", "--memory-gib", "64");
        var fast = await Decode("--bandwidth-gbs", "400", "--tflops", "10", "--memory-gib", "64");
        Assert.InRange(fast / slow, 1.5, 4.0);
    }

    [ModelFact]
    public async Task PlanJson_GgufModel_WeightsFromTheFileHeader()
    {
        var (code, stdout, stderr) = await LocusProcess.RunAsync(null, "plan", "--device", "raspberry-pi-5", "--model", SharedModels.Stories, "--ctx", "256", "--json");
        Assert.True(code == 0, stderr + stdout);
        using var json = JsonDocument.Parse(stdout);
        var weights = json.RootElement.GetProperty("weights_bytes").GetInt64();
        Assert.InRange(weights, 1, new FileInfo(SharedModels.Stories).Length);
        Assert.True(json.RootElement.GetProperty("fits").GetBoolean());
    }

    [Fact]
    public async Task Plan_UnknownDevice_SuggestsClosestNames()
    {
        var (code, stdout, _) = await LocusProcess.RunAsync(null, "plan", "--device", "apple-m4-maxx", "--params-b", "7");
        Assert.Equal(1, code);
        Assert.Contains("unknown device 'apple-m4-maxx'", stdout, StringComparison.Ordinal);
        Assert.Contains("apple-m4-max", stdout.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_BadQuant_ListsKnownQuants()
    {
        var (code, stdout, _) = await LocusProcess.RunAsync(null, "plan", "--device", "m4", "--params-b", "7", "--quant", "Q9_K");
        Assert.Equal(1, code);
        Assert.Contains("unknown quantization 'Q9_K'", stdout, StringComparison.Ordinal);
        Assert.Contains("Q4_K_M", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_ConfigDevice_IsPlannedAndListed()
    {
        var config = Path.Combine(_dir, "locus.yaml");
        File.WriteAllText(config, "devices:\n  - id: lab-box\n    memory_gib: 48\n    bandwidth_gbs: 250\n    tflops: 20\n");
        var (code, stdout, stderr) = await LocusProcess.RunAsync(null, "plan", "--config", config, "--list-devices", "--json");
        Assert.True(code == 0, stderr + stdout);
        Assert.Contains("\"lab-box\"", stdout, StringComparison.Ordinal);
        var (code2, stdout2, stderr2) = await LocusProcess.RunAsync(null, "plan", "--config", config, "--device", "lab-box", "--params-b", "7", "--json");
        Assert.True(code2 == 0, stderr2 + stdout2);
        using var json = JsonDocument.Parse(stdout2);
        Assert.Equal("lab-box", json.RootElement.GetProperty("device").GetString());
    }

    [Fact]
    public async Task Plan_BadConfigDevice_NamesTheKey()
    {
        var config = Path.Combine(_dir, "locus.yaml");
        File.WriteAllText(config, "devices:\n  - id: lab-box\n    memory_gib: lots\n    bandwidth_gbs: 250\n    tflops: 20\n");
        var (code, stdout, _) = await LocusProcess.RunAsync(null, "plan", "--config", config, "--device", "lab-box", "--params-b", "7");
        Assert.Equal(2, code);
        Assert.Contains("devices[0].memory_gib", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanJson_DeviceThis_MeasuresBandwidthHere()
    {
        var (code, stdout, stderr) = await LocusProcess.RunAsync(null, "plan", "--device", "this", "--params-b", "0.5", "--quant", "Q8_0", "--json");
        Assert.True(code == 0, stderr + stdout);
        using var json = JsonDocument.Parse(stdout);
        var bandwidth = json.RootElement.GetProperty("sources").GetProperty("bandwidth_gbs");
        Assert.True(bandwidth.GetProperty("value").GetDouble() > 0.1);
        Assert.StartsWith("measured here", bandwidth.GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.Equal("this", json.RootElement.GetProperty("device").GetString());
    }

    [Fact]
    public async Task PlanValidate_CsvFile_FitsAndReportsEveryRow()
    {
        var csv = Path.Combine(_dir, "bench.csv");
        File.WriteAllLines(csv,
        [
            "device,gpu_cores,memory_bandwidth_gbs,model,params_b,quant,model_size_gib,test,tokens_per_s,source",
            "Apple M1,8,68,Llama-2 7B,6.74,Q4_0,3.56,tg128,14.15,\"discussion 4167, Nov 2023\"",
            "Apple M2 Pro,,200,Llama-2 7B,6.74,Q4_0,3.56,tg128,37.87,\"a \"\"quoted\"\" source\"",
            "Apple M2 Ultra,76,800,Llama-2 7B,6.74,Q4_0,3.56,tg128,94.27,x",
            "Apple M4,10,120,Llama-2 7B,6.74,Q4_0,3.56,pp512,221,x",
            "Apple M4 Max,40,546,Llama-2 7B,6.74,Q4_0,3.56,pp512,886,x",
        ]);
        var (code, stdout, stderr) = await LocusProcess.RunAsync(null, "plan", "--validate", csv, "--json");
        Assert.True(code == 0, stderr + stdout);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(5, root.GetProperty("rows").GetArrayLength());
        Assert.InRange(root.GetProperty("decode_bandwidth").GetDouble(), 0.3, 1.0);
        Assert.True(root.GetProperty("max_abs_held_out_error_pct").GetDouble() >= root.GetProperty("median_abs_held_out_error_pct").GetDouble());
    }

    [Fact]
    public async Task PlanValidate_MalformedCsv_NamesTheLine()
    {
        var csv = Path.Combine(_dir, "bad.csv");
        File.WriteAllLines(csv, ["device,gpu_cores,memory_bandwidth_gbs,model,params_b,quant,model_size_gib,test,tokens_per_s,source", "Apple M1,8,68,Llama-2 7B"]);
        var (code, stdout, _) = await LocusProcess.RunAsync(null, "plan", "--validate", csv);
        Assert.Equal(1, code);
        Assert.Contains("line 2", stdout, StringComparison.Ordinal);
    }

    private static async Task<double> Decode(params string[] device)
    {
        var (code, stdout, stderr) = await LocusProcess.RunAsync(null, ["plan", .. device, "--params-b", "7", "--quant", "Q4_0", "--json"]);
        Assert.True(code == 0, stderr + stdout);
        using var json = JsonDocument.Parse(stdout);
        return json.RootElement.GetProperty("decode_tokens_per_s").GetDouble();
    }
}
