using System.Net.Http.Json;
using Locus.Core.Configuration;
using Locus.Node;
using Locus.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace Locus.Server.Tests.Routing;

/// <summary>
/// A real Locus on loopback (Kestrel, port 0) started from the given YAML text, as <c>locus serve</c> would read it,
/// under a node name of the test's choosing. Disposing it stops the server: its port then refuses connections.
/// </summary>
internal sealed class YamlNode : IAsyncDisposable
{
    private readonly string _dir;
    private readonly LocusNode _node;
    private readonly WebApplication _app;
    private bool _stopped;

    private YamlNode(string dir, LocusNode node, WebApplication app)
    {
        _dir = dir;
        _node = node;
        _app = app;
        BaseUrl = new Uri(app.Urls.Single());
        Http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseUrl { get; }

    /// <summary>The OpenAI-compatible API root, as a peer's <c>base_url</c> names it.</summary>
    public Uri ApiUrl => new(BaseUrl, "/v1");

    public HttpClient Http { get; }

    /// <param name="yaml">The config; <c>{dir}</c> stands for a fresh temporary folder (for the ledger).</param>
    public static async Task<YamlNode> StartAsync(string yaml, string nodeName)
    {
        var dir = Directory.CreateTempSubdirectory("locus-node-").FullName;
        var file = Path.Combine(dir, "locus.yaml");
        File.WriteAllText(file, yaml.Replace("{dir}", dir, StringComparison.Ordinal));
        var node = await LocusNode.StartAsync(new NodeSettings
        {
            Config = NodeConfigFiles.Read(file, new LocusOptions { Llama = HybridFixture.Llama }),
            NodeName = nodeName,
        });
        var app = LocusServer.Build(new ServerOptions { Port = 0 }, node);
        await app.StartAsync();
        return new YamlNode(dir, node, app);
    }

    public Task<HttpResponseMessage> ChatAsync(string prompt, bool stream, IReadOnlyDictionary<string, string>? headers = null, int maxTokens = 48)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = JsonContent.Create(new Dictionary<string, object?>
            {
                ["model"] = "auto",
                ["messages"] = new[] { new { role = "user", content = prompt } },
                ["max_tokens"] = maxTokens,
                ["temperature"] = 0,
                ["stream"] = stream,
            }),
        };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }

        return Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    public async Task<System.Text.Json.JsonElement> UsageAsync()
    {
        using var json = System.Text.Json.JsonDocument.Parse(await Http.GetStringAsync("/v1/usage?period=all"));
        return json.RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _node.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
