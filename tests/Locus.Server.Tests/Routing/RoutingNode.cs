using System.Net.Http.Json;
using Locus.Core.Configuration;
using Locus.Node;
using Locus.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace Locus.Server.Tests.Routing;

/// <summary>
/// A real Locus on loopback with stories260K as tier 1, a scriptable OpenAI-compatible upstream as the cloud, a SQLite
/// ledger and the given <c>routing:</c> lines, read from a real YAML file.
/// </summary>
internal sealed class RoutingNode : IAsyncDisposable
{
    private readonly string _dir;
    private readonly LocusNode _node;
    private readonly WebApplication _app;

    private RoutingNode(string dir, LocusNode node, WebApplication app)
    {
        _dir = dir;
        _node = node;
        _app = app;
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()), Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpClient Http { get; }

    public LocusNode Node => _node;

    /// <summary>A node whose <c>routing.cascade</c> is <paramref name="cascade"/>.</summary>
    public static Task<RoutingNode> StartAsync(Uri cloudUrl, string cascade) => StartWithRoutingAsync(cloudUrl, "cascade: " + cascade);

    /// <summary>A node with <paramref name="routing"/> as its one <c>routing:</c> line, and environment variables from <paramref name="environment"/>.</summary>
    public static async Task<RoutingNode> StartWithRoutingAsync(Uri cloudUrl, string routing, IReadOnlyDictionary<string, string>? environment = null)
    {
        var dir = Directory.CreateTempSubdirectory("locus-cascade-").FullName;
        var file = Path.Combine(dir, "locus.yaml");
        File.WriteAllText(file, $"""
            targets:
              - name: local
                kind: llama
                model: {SharedModels.Stories}
              - name: cloud
                kind: openai
                base_url: {cloudUrl}
                model: frontier
                price: {"{"} input: 3, output: 15 {"}"}
                max_retries: 1
            routing:
              {routing}
            ledger:
              path: {Path.Combine(dir, "usage.db")}
            """);
        var node = await LocusNode.StartAsync(new NodeSettings
        {
            Config = NodeConfigFiles.Read(file, new LocusOptions { Llama = HybridFixture.Llama }),
            Environment = name => environment?.GetValueOrDefault(name),
        });
        var app = LocusServer.Build(new ServerOptions { Port = 0 }, node);
        await app.StartAsync();
        return new RoutingNode(dir, node, app);
    }

    public Task<HttpResponseMessage> ChatAsync(string prompt, bool stream = false) =>
        Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = JsonContent.Create(new Dictionary<string, object?>
            {
                ["model"] = "auto",
                ["messages"] = new[] { new { role = "user", content = prompt } },
                ["max_tokens"] = 24,
                ["temperature"] = 0,
                ["stream"] = stream,
            }),
        }, HttpCompletionOption.ResponseHeadersRead);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _node.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
