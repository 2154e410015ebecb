using System.Text.Json;

namespace Locus.Cli.Tests;

/// <summary>`locus thermal` end to end: the real program, its table and chart, CSV, JSON and errors.</summary>
public sealed class ThermalCliTests
{
    [Fact]
    public async Task ThermalJson_FanlessDemandingTarget_PrintsTheEndpointObject()
    {
        var (code, stdout, stderr) = await LocusProcess.RunAsync(null, "thermal", "--envelope", "fanless-laptop", "--params-b", "8", "--quant", "Q4_K_M",
            "--target-tps", "20", "--minutes", "30", "--json", "--points", "50");
        Assert.True(code == 0, stderr + stdout);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal("apple-m2", root.GetProperty("device").GetProperty("id").GetString());
        Assert.Equal("thermal", root.GetProperty("binding_limit").GetString());
        Assert.Equal(50, root.GetProperty("samples").GetArrayLength());
        Assert.True(root.GetProperty("time_to_throttle_s").GetDouble() > 0);
        Assert.True(root.GetProperty("peak_junction_c").GetDouble() <= root.GetProperty("junction_limit_c").GetDouble() + 0.01);
    }

    [Fact]
    public async Task Thermal_Default_PrintsSummaryAndChartWithLimitAndThrottleMarks()
    {
        var (code, stdout, stderr) = await LocusProcess.RunAsync(null, "thermal", "-e", "fanless-laptop", "--params-b", "8", "--target-tps", "20");
        Assert.True(code == 0, stderr + stdout);
        Assert.Contains("sustained, tokens/s", stdout, StringComparison.Ordinal);
        Assert.Contains("thermal", stdout, StringComparison.Ordinal);
        var chart = stdout.Split('\n').SkipWhile(l => !l.Contains("junction temperature", StringComparison.Ordinal)).Skip(1).Take(12).ToList();
        Assert.Equal(12, chart.Count);
        Assert.Contains(chart, l => l.TrimStart().StartsWith("110 |", StringComparison.Ordinal) && l.Contains("---", StringComparison.Ordinal)); // the 108 °C limit row
        Assert.All(chart.Skip(2), l => Assert.Contains(':', l)); // the throttle point, down the chart
        Assert.Contains(chart, l => l.Contains('*', StringComparison.Ordinal));
    }

    [Fact]
    public async Task Thermal_EnvelopeAll_ComparesTheFourPresets()
    {
        var (code, stdout, stderr) = await LocusProcess.RunAsync(null, "thermal", "--envelope", "all", "--params-b", "8", "--target-tps", "200", "--json", "--points", "10");
        Assert.True(code == 0, stderr + stdout);
        using var json = JsonDocument.Parse(stdout);
        var sustained = json.RootElement.EnumerateArray().Select(e => e.GetProperty("sustained_tokens_per_s").GetDouble()).ToList();
        Assert.Equal(["fanless-laptop", "cooled-laptop", "desktop-gpu", "datacenter-gpu"], json.RootElement.EnumerateArray().Select(e => e.GetProperty("envelope").GetString()));
        Assert.Equal(sustained.Order(), sustained);
    }

    [Fact]
    public async Task ThermalCsv_ToStdout_HeaderAndOneRowPerStep()
    {
        var (code, stdout, stderr) = await LocusProcess.RunAsync(null, "thermal", "-d", "rtx-4090", "--params-b", "8", "--minutes", "1", "--step-ms", "100", "--csv", "-");
        Assert.True(code == 0, stderr + stdout);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("envelope,device,t_s,junction_c", lines[0], StringComparison.Ordinal);
        Assert.Equal(601, lines.Length);
        Assert.StartsWith("desktop-gpu,rtx-4090,0,25,25,", lines[1], StringComparison.Ordinal); // envelope from the device's form factor
    }

    [Fact]
    public async Task Thermal_UnknownEnvelope_ListsThePresets()
    {
        var (code, stdout, _) = await LocusProcess.RunAsync(null, "thermal", "--envelope", "oven", "--params-b", "8");
        Assert.Equal(1, code);
        Assert.Contains("unknown envelope 'oven'", stdout, StringComparison.Ordinal);
        Assert.Contains("fanless-laptop, cooled-laptop, desktop-gpu, datacenter-gpu", stdout.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Thermal_BadDuty_NamesTheFlag()
    {
        var (code, stdout, _) = await LocusProcess.RunAsync(null, "thermal", "-e", "desktop-gpu", "--params-b", "8", "--duty", "0");
        Assert.Equal(1, code);
        Assert.Contains("--duty is the share of time", stdout, StringComparison.Ordinal);
    }
}
