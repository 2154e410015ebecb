using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Locus.Core.Abstractions;
using Locus.Core.Configuration;
using Locus.Node;
using Locus.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace Locus.Server.Tests.Routing;

/// <summary>
/// A real Locus on loopback, without a local model: <c>device</c> is an OpenAI-compatible target marked
/// <c>on_device: true</c> (a scriptable upstream standing in for a server on the person's own machine), <c>cloud</c>
/// another scriptable upstream; memory documents from <paramref name="memory"/>, <c>memory:</c> from the YAML given.
/// </summary>
internal sealed class MemoryNode : IAsyncDisposable
{
    private readonly string _dir;
    private readonly WebApplication _app;

    private MemoryNode(string dir, LocusNode node, WebApplication app)
    {
        _dir = dir;
        Node = node;
        _app = app;
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()), Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpClient Http { get; }

    public LocusNode Node { get; }

    public static async Task<MemoryNode> StartAsync(Uri device, Uri cloud, IMemorySource memory, string memoryYaml, string clientsYaml = "")
    {
        var dir = Directory.CreateTempSubdirectory("locus-memory-e2e-").FullName;
        var file = Path.Combine(dir, "locus.yaml");
        File.WriteAllText(file, $"""
            targets:
              - name: device
                kind: openai
                base_url: {device}
                model: device-model
                on_device: true
                max_retries: 0
              - name: cloud
                kind: openai
                base_url: {cloud}
                model: frontier
                price: {"{"} input: 3, output: 15 {"}"}
                max_retries: 0
            routing:
              fast: device
              cloud: [cloud]
            {memoryYaml}
            {clientsYaml}
            ledger:
              path: {Path.Combine(dir, "usage.db")}
            """);
        var node = await LocusNode.StartAsync(new NodeSettings
        {
            Config = NodeConfigFiles.Read(file, new LocusOptions()),
            Memory = memory,
        });
        var app = LocusServer.Build(new ServerOptions { Port = 0 }, node);
        await app.StartAsync();
        return new MemoryNode(dir, node, app);
    }

    public Task<HttpResponseMessage> ChatAsync(string prompt, string model = "auto", IReadOnlyDictionary<string, string>? headers = null, bool stream = false,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["model"] = model,
            ["messages"] = new[] { new { role = "user", content = prompt } },
            ["max_tokens"] = 32,
            ["stream"] = stream,
        };
        if (metadata is not null)
        {
            body["metadata"] = metadata;
        }

        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = JsonContent.Create(body) };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }

        return Http.SendAsync(request);
    }

    /// <summary>Every string in a recorded request body, raw and JSON-decoded: what the upstream could read.</summary>
    public static string Received(RecordedRequest request) => request.BodyText + "\n" + request.DecodedStrings;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Node.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
