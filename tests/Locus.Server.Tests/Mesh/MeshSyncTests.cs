using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Locus.Server.Tests.Mesh;

/// <summary>Two and three real nodes on loopback: pairing through the API, sync over the HTTP/2 mesh listener.</summary>
public sealed class MeshSyncTests
{
    [Fact]
    public async Task Pair_WriteOnEachNode_SyncCarriesBothWays()
    {
        await using var a = await MeshServer.StartAsync("laptop");
        await using var b = await MeshServer.StartAsync("home-server");
        await a.PairWithAsync(b);

        await a.WriteMemoryAsync("notes", "written on the laptop");
        await b.WriteMemoryAsync("profile", "written on the server", scope: "cloud");
        var round = await b.PostAsync("/v1/mesh/sync", null);

        Assert.True((bool)round["synced"]![0]!["ok"]!, round.ToJsonString());
        Assert.Equal("written on the laptop", await b.ReadMemoryAsync("notes"));
        Assert.Equal("written on the server", await a.ReadMemoryAsync("profile"));
        Assert.Equal(a.Mesh.State.Encode(), b.Mesh.State.Encode());
        var peers = (await a.Api.GetFromJsonAsync<JsonObject>("/v1/mesh/peers"))!["peers"]!.AsArray();
        Assert.Equal("home-server", (string?)Assert.Single(peers)!["name"]);
        var directory = (await b.Api.GetFromJsonAsync<JsonObject>("/v1/mesh/status"))!["directory"]!.AsArray();
        var laptop = Assert.Single(directory, e => (string?)e!["node_id"] == a.Mesh.Id)!;
        Assert.False(string.IsNullOrEmpty((string?)laptop["hardware"]));
        Assert.Equal(1.0, (double)laptop["thermal_headroom"]!);
    }

    [Fact]
    public async Task ConcurrentEdits_SameDocument_MergeWithoutLoss()
    {
        await using var a = await MeshServer.StartAsync("a");
        await using var b = await MeshServer.StartAsync("b");
        await a.PairWithAsync(b);
        await a.WriteMemoryAsync("todo", "milk\n");
        await a.PostAsync("/v1/mesh/sync", null);

        // Both edit before either hears of the other: the middle-only diff keeps each side's change.
        await a.WriteMemoryAsync("todo", "eggs\nmilk\n");
        await b.PostAsync("/v1/memory/todo/append", new { text = "bread\n" });
        await a.PostAsync("/v1/mesh/sync", null);

        Assert.Equal("eggs\nmilk\nbread\n", await a.ReadMemoryAsync("todo"));
        Assert.Equal("eggs\nmilk\nbread\n", await b.ReadMemoryAsync("todo"));
    }

    [Fact]
    public async Task Restart_KeysAndStatePersist_SyncResumes()
    {
        var dirA = Directory.CreateTempSubdirectory("locus-mesh-a-").FullName;
        await using var b = await MeshServer.StartAsync("b");
        await using (var a = await MeshServer.StartAsync("a", dirA))
        {
            await a.PairWithAsync(b);
            await a.WriteMemoryAsync("notes", "before restart");
        }

        await using var again = await MeshServer.StartAsync("a", dirA);
        await again.PostAsync("/v1/memory/notes/append", new { text = ", after restart" });
        var round = await again.PostAsync("/v1/mesh/sync", null);

        Assert.True((bool)round["synced"]![0]!["ok"]!, round.ToJsonString());
        Assert.Equal("before restart, after restart", await b.ReadMemoryAsync("notes"));
    }

    [Fact]
    public async Task Join_WrongCode_RefusedWithReasonAndNotPaired()
    {
        await using var a = await MeshServer.StartAsync("a");
        await using var b = await MeshServer.StartAsync("b");
        var offer = await a.PostAsync("/v1/mesh/pair", null);
        var wrong = ((string)offer["code"]!).Replace('-', ' ')[..4] + "ZZZZ";

        using var joined = await b.Api.PostAsJsonAsync("/v1/mesh/pair/join", new { url = a.MeshUrl.ToString(), code = wrong });

        Assert.Equal(HttpStatusCode.Forbidden, joined.StatusCode);
        Assert.Contains("code does not match", await joined.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(a.Mesh.Peers(), p => p.Paired);
    }

    [Fact]
    public async Task Listeners_KeepTheirPathsApart()
    {
        await using var a = await MeshServer.StartAsync("a");
        using var mesh = MeshWire.Client();

        using var apiOnMesh = await mesh.GetAsync(new Uri(a.MeshUrl, "/v1/memory"));
        using var meshOnApi = await a.Api.GetAsync("/mesh/v1/hello");
        using var hello = await mesh.GetAsync(new Uri(a.MeshUrl, "/mesh/v1/hello"));

        Assert.Equal(HttpStatusCode.NotFound, apiOnMesh.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, meshOnApi.StatusCode);
        Assert.Equal(a.Mesh.Id, (string?)JsonNode.Parse(await hello.Content.ReadAsStringAsync())!["node_id"]);
        Assert.Equal(new Version(2, 0), hello.Version);
    }

    [Fact]
    public async Task History_AppendedOnBothNodes_SyncedInOneOrder()
    {
        await using var laptop = await MeshServer.StartAsync("laptop");
        await using var phone = await MeshServer.StartAsync("phone");
        await laptop.PairWithAsync(phone);
        await laptop.PostAsync("/v1/history/trip", new { role = "user", content = "Plan a day in Lyon" });
        await laptop.PostAsync("/v1/history/trip", new { role = "assistant", content = "Start at Fourviere." });
        await laptop.PostAsync("/v1/mesh/sync", null);
        await phone.PostAsync("/v1/history/trip", new { role = "user", content = "And the evening?" });
        await phone.PostAsync("/v1/mesh/sync", null);

        var onLaptop = (await laptop.Api.GetFromJsonAsync<JsonObject>("/v1/history/trip"))!["messages"]!.ToJsonString();
        var onPhone = (await phone.Api.GetFromJsonAsync<JsonObject>("/v1/history/trip"))!["messages"]!.ToJsonString();
        using var badRole = await phone.Api.PostAsJsonAsync("/v1/history/trip", new { role = "robot", content = "x" });

        Assert.Equal(onLaptop, onPhone);
        Assert.Equal(["Plan a day in Lyon", "Start at Fourviere.", "And the evening?"],
            JsonNode.Parse(onPhone)!.AsArray().Select(m => (string)m!["content"]!));
        Assert.Equal(HttpStatusCode.BadRequest, badRole.StatusCode);
    }

    [Fact]
    public async Task Sync_DeletionSeenByEveryPeer_TextCollectedOnBothAndEditsStillMerge()
    {
        await using var a = await MeshServer.StartAsync("a");
        await using var b = await MeshServer.StartAsync("b");
        await a.PairWithAsync(b);
        await a.WriteMemoryAsync("notes", new string('x', 5000) + "keep");
        await a.PostAsync("/v1/mesh/sync", null);
        var before = a.Mesh.State.Encode().Length;

        await a.WriteMemoryAsync("notes", "keep");
        await a.PostAsync("/v1/mesh/sync", null);
        await b.PostAsync("/v1/mesh/sync", null);
        var (onA, onB) = (a.Mesh.State.Encode(), b.Mesh.State.Encode());

        Assert.Equal(onA, onB);
        Assert.True(onA.Length < before - 4500, $"{before} bytes before, {onA.Length} after");
        await b.PostAsync("/v1/memory/notes/append", new { text = " more" });
        await b.PostAsync("/v1/mesh/sync", null);
        Assert.Equal("keep more", await a.ReadMemoryAsync("notes"));
        Assert.Equal(a.Mesh.State.Encode(), b.Mesh.State.Encode());
    }
}
