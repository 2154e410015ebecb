using System.Text.Json.Nodes;

namespace Locus.Cli.Tests.Mesh;

/// <summary>`locus mesh ...` and `locus memory ...` against two running nodes, as a person would pair and use them.</summary>
[Collection(ClusterCollection.Name)]
public sealed class MeshCliTests
{
    [Fact]
    public async Task PairWriteSyncShow_ThroughTheCli_TextArrivesOnTheOtherNode()
    {
        await using var cluster = await MeshCluster.StartAsync("laptop", "server");
        var laptop = cluster["laptop"].Api.BaseAddress!.ToString();
        var server = cluster["server"].Api.BaseAddress!.ToString();

        var offer = await RunOkAsync("mesh", "pair", "--node", laptop, "--json");
        var code = (string)JsonNode.Parse(offer)!["code"]!;
        var joined = await RunOkAsync("mesh", "pair", "--node", server, "--join", cluster.Link("server", "laptop").ToString(), "--code", code);
        await RunOkAsync("memory", "write", "groceries", "--text", "oat milk", "--scope", "cloud", "--node", laptop);
        await RunOkAsync("mesh", "sync", "--node", laptop);
        var shown = await RunOkAsync("memory", "show", "groceries", "--node", server);
        var peers = await RunOkAsync("mesh", "peers", "--node", server, "--json");

        Assert.Contains("Paired with laptop", joined, StringComparison.Ordinal);
        Assert.Equal("oat milk", shown.Trim());
        Assert.Equal("laptop", (string?)JsonNode.Parse(peers)!["peers"]![0]!["name"]);
    }

    [Fact]
    public async Task Memory_NoNodeRunning_SaysHowToStartOne()
    {
        var (code, stdout, _) = await LocusProcess.RunAsync(null, "memory", "list", "--node", "http://127.0.0.1:9");

        Assert.NotEqual(0, code);
        Assert.Contains("locus serve", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pair_WrongCode_ExplainsAndFails()
    {
        await using var cluster = await MeshCluster.StartAsync("a", "b");
        await RunOkAsync("mesh", "pair", "--node", cluster["a"].Api.BaseAddress!.ToString());

        var (code, stdout, _) = await LocusProcess.RunAsync(null, "mesh", "pair", "--node", cluster["b"].Api.BaseAddress!.ToString(),
            "--join", cluster.Link("b", "a").ToString(), "--code", "AAAA-AAAA");

        Assert.Equal(1, code);
        Assert.Contains("code does not match", stdout, StringComparison.Ordinal);
    }

    private static async Task<string> RunOkAsync(params string[] args)
    {
        var (code, stdout, stderr) = await LocusProcess.RunAsync(new Dictionary<string, string> { ["COLUMNS"] = "200", ["NO_COLOR"] = "1" }, args);
        Assert.True(code == 0, $"locus {string.Join(' ', args)} exited {code}: {stdout} {stderr}");
        return stdout;
    }

    [Fact]
    public async Task Serve_MeshPortInUse_SaysWhichSettingToChange()
    {
        using var occupied = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        occupied.Start();
        var port = ((System.Net.IPEndPoint)occupied.LocalEndpoint).Port;
        var dir = Directory.CreateTempSubdirectory("locus-busy-").FullName;
        var config = Path.Combine(dir, "locus.yaml");
        File.WriteAllText(config, $"""
            server: {"{"} port: 0 {"}"}
            targets:
              - {"{"} name: cloud, kind: openai, base_url: "http://127.0.0.1:9/v1", model: frontier {"}"}
            routing: {"{"} cloud: [cloud] {"}"}
            ledger: {"{"} enabled: false {"}"}
            mesh: {"{"} data_dir: {Path.Combine(dir, "mesh")}, listen: "127.0.0.1:{port}" {"}"}
            """);

        var (code, stdout, stderr) = await LocusProcess.RunAsync(new Dictionary<string, string> { ["NO_COLOR"] = "1" }, "serve", "--config", config);

        Assert.Equal(1, code);
        Assert.Contains("address already in use", stdout, StringComparison.Ordinal);
        Assert.Contains("mesh.listen", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
    }
}
