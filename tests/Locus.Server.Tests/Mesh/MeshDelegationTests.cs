using System.Net;
using System.Net.Http.Json;
using Locus.Server.Tests.Routing;

namespace Locus.Server.Tests.Mesh;

/// <summary>
/// Delegation steered by the mesh: each node reports its thermal headroom into the replicated directory (here from a
/// sysfs-shaped sensor directory), and the laptop delegates a private hard request to the studio only while the studio
/// reports headroom. Both nodes are real Locus servers running stories260K in llama.cpp.
/// </summary>
public sealed class MeshDelegationTests
{
    private const string PrivateHard = "Email jane.doe@example.com about it. " + HybridRoutingTests.Hard;

    [ModelFact]
    public async Task Chat_StudioReportsHeadroom_DelegatedToIt() =>
        await AskAsync(studioCelsius: 45, (response, reason) =>
        {
            Assert.Equal("studio", HybridFixture.Header(response, "x-locus-target"));
            Assert.Contains("thermal headroom", reason, StringComparison.Ordinal);
        });

    [ModelFact]
    public async Task Chat_StudioReportsItIsHot_SkippedAndAnsweredHere() =>
        await AskAsync(studioCelsius: 94, (response, reason) =>
        {
            Assert.Equal("local", HybridFixture.Header(response, "x-locus-target"));
            Assert.Contains("studio reports", reason, StringComparison.Ordinal);
            Assert.Contains("(hot)", reason, StringComparison.Ordinal);
        });

    private static async Task AskAsync(int studioCelsius, Action<HttpResponseMessage, string> check)
    {
        var sys = Sensor(studioCelsius);
        await using var studio = await MeshServer.StartAsync("studio", targets: $"""
            targets:
              - name: local
                kind: llama
                model: {SharedModels.Stories}
            routing:
              thermal: {"{"} source: sensors {"}"}
            """, environment: new Dictionary<string, string> { ["LOCUS_SYSFS_ROOT"] = sys });
        await using var laptop = await MeshServer.StartAsync("laptop", targets: $"""
            targets:
              - name: local
                kind: llama
                model: {SharedModels.Stories}
              - name: studio
                kind: peer
                base_url: {new Uri(studio.Api.BaseAddress!, "/v1")}
            routing:
              privacy: local
              peers: [studio]
            """);
        await studio.PairWithAsync(laptop);
        await laptop.PostAsync("/v1/mesh/sync", null);

        using var response = await laptop.Api.PostAsJsonAsync("/v1/chat/completions",
            new { model = "auto", messages = new[] { new { role = "user", content = PrivateHard } }, max_tokens = 16 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        check(response, HybridFixture.Header(response, "x-locus-reason"));
        Directory.Delete(sys, recursive: true);
    }

    /// <summary>A directory laid out like /sys with one CPU package sensor at <paramref name="celsius"/> of 95 °C.</summary>
    private static string Sensor(int celsius)
    {
        var sys = Directory.CreateTempSubdirectory("locus-sysfs-").FullName;
        var chip = Directory.CreateDirectory(Path.Combine(sys, "class", "hwmon", "hwmon0")).FullName;
        File.WriteAllText(Path.Combine(chip, "name"), "coretemp\n");
        File.WriteAllText(Path.Combine(chip, "temp1_label"), "Package id 0\n");
        File.WriteAllText(Path.Combine(chip, "temp1_input"), $"{celsius * 1000}\n");
        File.WriteAllText(Path.Combine(chip, "temp1_max"), "95000\n");
        return sys;
    }
}
