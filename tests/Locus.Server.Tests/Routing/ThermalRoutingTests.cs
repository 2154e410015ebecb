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
}
