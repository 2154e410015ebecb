using System.Net;

namespace Locus.Server.Tests.Routing;

/// <summary>
/// The thermal signal end to end: real llama.cpp (stories260K) as tier 1, the scriptable upstream as the cloud, and
/// the node reading its temperature sensor from a directory laid out like Linux sysfs (this machine exposes none).
/// </summary>
public sealed class ThermalRoutingTests
{
    private const string Prompt = HybridRoutingTests.Simple;

    private static async Task<HttpResponseMessage> AskWithSensorAsync(Uri cloud, int celsius, string thermal)
    {
        var sys = Directory.CreateTempSubdirectory("locus-sysfs-").FullName;
        try
        {
            var chip = Directory.CreateDirectory(Path.Combine(sys, "class", "hwmon", "hwmon0")).FullName;
            File.WriteAllText(Path.Combine(chip, "name"), "coretemp\n");
            File.WriteAllText(Path.Combine(chip, "temp1_label"), "Package id 0\n");
            File.WriteAllText(Path.Combine(chip, "temp1_input"), $"{celsius * 1000}\n");
            File.WriteAllText(Path.Combine(chip, "temp1_max"), "95000\n");
            await using var node = await RoutingNode.StartWithRoutingAsync(cloud, "thermal: " + thermal,
                new Dictionary<string, string> { ["LOCUS_SYSFS_ROOT"] = sys });
            var response = await node.ChatAsync(Prompt);
            await response.Content.LoadIntoBufferAsync();
            return response;
        }
        finally
        {
            Directory.Delete(sys, recursive: true);
        }
    }

    [ModelFact]
    public async Task Chat_SensorAtItsLimit_EscalatesToCloudAndSaysWhy()
    {
        await using var cloud = await UpstreamServer.StartAsync();

        using var response = await AskWithSensorAsync(cloud.BaseUrl, 94, "{ min_tokens_per_s: 15 }");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("3", "cloud"), (HybridFixture.Header(response, "x-locus-tier"), HybridFixture.Header(response, "x-locus-target")));
        var reason = HybridFixture.Header(response, "x-locus-reason");
        Assert.Contains("thermal: 94 deg C of 95 deg C (sensor hwmon coretemp Package id 0)", reason, StringComparison.Ordinal);
        Assert.Contains("under the 15 tok/s needed -> tier 3", reason, StringComparison.Ordinal);
        Assert.Single(cloud.Requests);
    }

    [ModelFact]
    public async Task Chat_SensorCool_AnsweredLocally()
    {
        await using var cloud = await UpstreamServer.StartAsync();

        using var response = await AskWithSensorAsync(cloud.BaseUrl, 45, "{ min_tokens_per_s: 15 }");

        Assert.Equal(("1", "local"), (HybridFixture.Header(response, "x-locus-tier"), HybridFixture.Header(response, "x-locus-target")));
        Assert.DoesNotContain("thermal", HybridFixture.Header(response, "x-locus-reason"), StringComparison.Ordinal);
        Assert.Empty(cloud.Requests);
    }

    [ModelFact]
    public async Task Chat_SensorHotButThermalOff_AnsweredLocally()
    {
        await using var cloud = await UpstreamServer.StartAsync();

        using var response = await AskWithSensorAsync(cloud.BaseUrl, 94, "{ source: off, min_tokens_per_s: 15 }");

        Assert.Equal("1", HybridFixture.Header(response, "x-locus-tier"));
        Assert.Empty(cloud.Requests);
    }

    [ModelFact]
    public async Task Start_SimulationWithUnknownEnvelope_FailsNamingTheKey()
    {
        await using var cloud = await UpstreamServer.StartAsync();

        var error = await Assert.ThrowsAsync<Core.Configuration.ConfigurationException>(
            () => AskWithSensorAsync(cloud.BaseUrl, 45, "{ source: simulation, envelope: passive-cooler }"));

        Assert.Contains("routing.thermal.envelope: unknown envelope 'passive-cooler'; use one of fanless-laptop", error.Message, StringComparison.Ordinal);
    }

    [ModelFact]
    public async Task ThermalNow_SimulationAsked_ReportsColdDeviceAndForecasts()
    {
        await using var cloud = await UpstreamServer.StartAsync();
        await using var node = await RoutingNode.StartWithRoutingAsync(cloud.BaseUrl, "thermal: { source: simulation, envelope: fanless-laptop }");

        using var json = System.Text.Json.JsonDocument.Parse(await node.Http.GetStringAsync("/v1/thermal/now"));
        var root = json.RootElement;

        Assert.Equal("simulated fanless-laptop apple-m2", root.GetProperty("source").GetString());
        Assert.Equal(25, root.GetProperty("junction_c").GetDouble(), 1);
        var factors = root.GetProperty("forecast").EnumerateArray().Select(f => f.GetProperty("speed_factor").GetDouble()).ToList();
        Assert.Equal(1.0, factors[0], 3); // a cold fanless laptop holds a minute at full speed...
        Assert.True(factors[2] < factors[0], $"15 min {factors[2]} vs 1 min {factors[0]}"); // ...but not a quarter hour
    }

    [ModelFact]
    public async Task ThermalNow_NoSensorsAndNoSimulation_Answers503InOpenAIFormat()
    {
        await using var cloud = await UpstreamServer.StartAsync();
        var empty = Directory.CreateTempSubdirectory("locus-sysfs-").FullName;
        try
        {
            await using var node = await RoutingNode.StartWithRoutingAsync(cloud.BaseUrl, "thermal: { source: sensors }",
                new Dictionary<string, string> { ["LOCUS_SYSFS_ROOT"] = empty });

            using var response = await node.Http.GetAsync("/v1/thermal/now");
            using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("thermal_unavailable", json.RootElement.GetProperty("error").GetProperty("code").GetString());
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }
}
