using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Locus.Cli.Tests.Mesh;

/// <summary>One `locus serve` process of a test cluster: no model (its only target is a cloud never called), a mesh
/// section whose peers are reached through <see cref="TcpLink"/>s, and its data folder kept across restarts.</summary>
internal sealed partial class ClusterNode(string name, string directory) : IAsyncDisposable
{
    private LocusProcess? _process;

    public string Name => name;

    public string Directory => directory;

    public HttpClient Api { get; private set; } = new();

    public int MeshPort { get; private set; }

    public string Id { get; private set; } = "";

    public async Task StartAsync(IEnumerable<Uri> peers)
    {
        var file = Path.Combine(directory, "locus.yaml");
        File.WriteAllText(file, $"""
            server:
              port: 0
            targets:
              - name: cloud
                kind: openai
                base_url: http://127.0.0.1:9/v1
                model: frontier
            routing:
              cloud: [cloud]
            ledger:
              enabled: false
            mesh:
              name: {name}
              data_dir: {Path.Combine(directory, "mesh")}
              listen: 127.0.0.1:0
              sync_interval_ms: 200
              peers: [{string.Join(", ", peers)}]
            """);
        _process = LocusProcess.Start(null, "serve", "--config", file);
        var serving = await _process.WaitForOutputAsync("Locus is serving", TimeSpan.FromSeconds(60));
        var mesh = await _process.WaitForOutputAsync("Mesh: node", TimeSpan.FromSeconds(10));
        Api.Dispose();
        Api = new HttpClient { BaseAddress = new Uri(UrlPattern().Match(serving).Value), Timeout = TimeSpan.FromSeconds(30) };
        MeshPort = new Uri(UrlPattern().Match(mesh).Value).Port;
        Id = MeshIdPattern().Match(mesh).Groups[1].Value;
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public void KillHard() => _process?.KillHard();

    public async Task<JsonObject> PostAsync(string path, object? body)
    {
        using var response = await Api.PostAsJsonAsync(path, body ?? new { });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{name} {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public async Task<string> MemoryAsync(string id)
    {
        using var response = await Api.GetAsync($"/v1/memory/{id}");
        return response.IsSuccessStatusCode ? (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["text"]! : "";
    }

    public async Task<string> DigestAsync() => (string)(await Api.GetFromJsonAsync<JsonObject>("/v1/mesh/status"))!["state_digest"]!;

    public string Output => _process is null ? "" : _process.Stdout + _process.Stderr;

    public ValueTask DisposeAsync()
    {
        _process?.Dispose();
        Api.Dispose();
        return ValueTask.CompletedTask;
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/?")]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"\(([0-9a-f]{16})\)")]
    private static partial Regex MeshIdPattern();
}
