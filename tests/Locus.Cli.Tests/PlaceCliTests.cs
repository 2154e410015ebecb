using System.Text.Json;

namespace Locus.Cli.Tests;

/// <summary>`locus place` end to end: the real program, its JSON and its errors.</summary>
public sealed class PlaceCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("locus-cli-place-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task PlaceJson_PrivateHighVolume_LocalWithReasonsPlanAndEconomics()
    {
        var (code, stdout, stderr) = await LocusProcess.RunAsync(null, "place", "--private", "--monthly-tokens", "100000000", "--device", "rtx-4090",
            "--params-b", "8", "--hardware-usd", "2400", "--amortize-months", "24", "--electricity-usd-kwh", "0.2", "--cloud-usd-per-mtok-in", "1",
            "--cloud-usd-per-mtok-out", "4", "--json");
        Assert.True(code == 0, stderr + stdout);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;

        Assert.Equal("local", root.GetProperty("placement").GetString());
        Assert.Equal(5, root.GetProperty("steps").GetArrayLength());
        Assert.Equal("yes", root.GetProperty("steps")[0].GetProperty("answer").GetString());
        Assert.True(root.GetProperty("local").GetProperty("fits").GetBoolean());
        var economics = root.GetProperty("economics");
        // 75M × $1/M + 25M × $4/M; $2,400 over 24 months.
        Assert.Equal(175, economics.GetProperty("cloud_monthly_usd").GetDouble(), 2);
        Assert.Equal(100, economics.GetProperty("hardware_monthly_usd").GetDouble(), 2);
        Assert.True(economics.GetProperty("electricity_monthly_usd").GetDouble() > 0);
        Assert.Equal("--hardware-usd", root.GetProperty("inputs").GetProperty("hardware_usd").GetProperty("source").GetString());
        Assert.StartsWith("assumed", root.GetProperty("inputs").GetProperty("duty").GetProperty("assumption").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlaceJson_ConfigCloudPrice_IsTheDefaultPrice()
    {
        var config = Path.Combine(_dir, "locus.yaml");
        File.WriteAllText(config, """
            targets:
              - name: cloud
                kind: openai
                base_url: https://example.invalid/v1
                model: frontier-model
                price: { input: 2.5, output: 10 }
            """);
        var (code, stdout, stderr) = await LocusProcess.RunAsync(null, "place", "--config", config, "--device", "apple-m4", "--params-b", "3", "--json");
        Assert.True(code == 0, stderr + stdout);
        using var json = JsonDocument.Parse(stdout);
        var price = json.RootElement.GetProperty("inputs").GetProperty("cloud_usd_per_mtok_out");

        Assert.Equal(10, price.GetProperty("value").GetDouble());
        Assert.Contains("cloud target 'cloud'", price.GetProperty("source").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Place_BadDuty_NamesTheFlag()
    {
        var (code, stdout, _) = await LocusProcess.RunAsync(null, "place", "--device", "m4", "--params-b", "3", "--duty", "2");

        Assert.Equal(1, code);
        Assert.Contains("--duty must be above 0 and at most 1", System.Text.RegularExpressions.Regex.Replace(stdout, @"\s+", " "), StringComparison.Ordinal);
    }
}
