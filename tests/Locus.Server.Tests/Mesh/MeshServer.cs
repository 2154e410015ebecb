using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Locus.Core.Configuration;
using Locus.Mesh.Node;
using Locus.Node;
using Locus.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace Locus.Server.Tests.Mesh;

/// <summary>
/// A real Locus node on loopback with a <c>mesh:</c> section (its own HTTP/2 listener on port 0) and no local model:
/// its one target is a cloud that is never called. Background sync is effectively off (an hour apart) so tests
/// drive rounds with <c>POST /v1/mesh/sync</c>.
/// </summary>
internal sealed class MeshServer : IAsyncDisposable
{
    private readonly LocusNode _node;
    private readonly WebApplication _app;

    private MeshServer(string dir, LocusNode node, WebApplication app, CapturedLogs logs)
    {
        (Directory, _node, _app, Logs) = (dir, node, app, logs);
        Api = new HttpClient { BaseAddress = new Uri(app.Urls.First(u => new Uri(u).Port != node.Mesh!.AdvertisedUrl!.Port)), Timeout = TimeSpan.FromSeconds(30) };
    }

    public string Directory { get; }

    public HttpClient Api { get; }

    public CapturedLogs Logs { get; }

    public MeshNode Mesh => _node.Mesh!;

    public Uri MeshUrl => Mesh.AdvertisedUrl!;

    public static async Task<MeshServer> StartAsync(string name, string? directory = null, string extraMesh = "", int syncIntervalMs = 3_600_000, string? targets = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var dir = directory ?? System.IO.Directory.CreateTempSubdirectory("locus-mesh-").FullName;
        var file = Path.Combine(dir, "locus.yaml");
        targets ??= """
            targets:
              - name: cloud
                kind: openai
                base_url: http://127.0.0.1:9/v1
                model: frontier
            routing:
              cloud: [cloud]
            """;
        File.WriteAllText(file, $"""
            {targets}
            ledger:
              enabled: false
            mesh:
              name: {name}
              data_dir: {Path.Combine(dir, "mesh")}
              listen: 127.0.0.1:0
              sync_interval_ms: {syncIntervalMs}
            {extraMesh}
            """);
        var logs = new CapturedLogs();
        var node = await LocusNode.StartAsync(new NodeSettings
        {
            Config = NodeConfigFiles.Read(file, new LocusOptions { Llama = Routing.HybridFixture.Llama }),
            Loggers = logs,
            Environment = name => environment?.GetValueOrDefault(name),
        });
        var app = LocusServer.Build(new ServerOptions { Port = 0 }, node, logs);
        await app.StartAsync();
        return new MeshServer(dir, node, app, logs);
    }

    /// <summary>Pairs <paramref name="joiner"/> with this node through both nodes' APIs, as `locus mesh pair` does.</summary>
    public async Task PairWithAsync(MeshServer joiner)
    {
        var offer = await PostAsync("/v1/mesh/pair", null);
        using var joined = await joiner.Api.PostAsJsonAsync("/v1/mesh/pair/join", new { url = MeshUrl.ToString(), code = (string)offer["code"]! });
        Assert.True(joined.IsSuccessStatusCode, await joined.Content.ReadAsStringAsync());
    }

    public async Task<JsonObject> PostAsync(string path, object? body)
    {
        using var response = await Api.PostAsJsonAsync(path, body ?? new { });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public async Task WriteMemoryAsync(string id, string text, string? scope = null)
    {
        using var response = await Api.PutAsJsonAsync($"/v1/memory/{id}", new { text, scope });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<string?> ReadMemoryAsync(string id)
    {
        using var response = await Api.GetAsync($"/v1/memory/{id}");
        return response.IsSuccessStatusCode ? (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["text"] : null;
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _node.DisposeAsync();
    }
}
