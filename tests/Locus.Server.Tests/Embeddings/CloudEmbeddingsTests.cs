using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Locus.Core.Configuration;
using Locus.Node;
using Locus.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Locus.Server.Tests.Embeddings;

/// <summary>
/// A routing node with a local target, an embedding-only model and a cloud target, the cloud a real loopback server
/// speaking OpenAI's embeddings protocol (it answers each input with [length, index, 1] and records every body).
/// </summary>
public sealed class CloudEmbeddingsFixture : IAsyncLifetime
{
    public const string CloudKey = "sk-cloud-embed-key-0123456789";

    public WebApplication Cloud { get; private set; } = null!;

    public List<string> Received { get; } = [];

    public LocusNode Node { get; private set; } = null!;

    public WebApplication App { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    private readonly string _dir = Directory.CreateTempSubdirectory("locus-embed-").FullName;

    public async Task InitializeAsync()
    {
        if (!SharedModels.Available)
        {
            return;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        Cloud = builder.Build();
        Cloud.MapPost("/v1/embeddings", (Func<HttpContext, Task>)AnswerAsync);
        await Cloud.StartAsync();

        var config = Path.Combine(_dir, "locus.yaml");
        File.WriteAllText(config, $"""
            targets:
              - name: local
                kind: llama
                model: {SharedModels.Stories}
              - name: cloud
                kind: openai
                base_url: {Cloud.Urls.Single()}/v1
                model: text-embedding-3-small
                api_key_env: CLOUD_KEY
                timeout_ms: 5000
                max_retries: 0
            routing:
              cloud: [cloud]
            """);
        var llama = new LlamaOptions { Threads = 2, ContextSize = 256, EmbeddingModel = SharedModels.Qwen };
        Node = await LocusNode.StartAsync(new NodeSettings
        {
            Config = NodeConfigFiles.Read(config, new LocusOptions { Llama = llama }, Variables),
            Environment = Variables,
        });
        App = LocusServer.Build(new ServerOptions { Port = 0 }, Node);
        await App.StartAsync();
        Http = new HttpClient { BaseAddress = new Uri(App.Urls.Single()), Timeout = TimeSpan.FromSeconds(60) };
    }

    private static string? Variables(string name) => name == "CLOUD_KEY" ? CloudKey : null;

    private async Task AnswerAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        lock (Received)
        {
            Received.Add(body);
        }

        if (context.Request.Headers.Authorization != $"Bearer {CloudKey}")
        {
            context.Response.StatusCode = 401;
            return;
        }

        var inputs = JsonNode.Parse(body)!["input"]!.AsArray();
        var data = new JsonArray();
        for (var i = inputs.Count - 1; i >= 0; i--)
        {
            // Out of order on purpose: clients must place vectors by index.
            data.Add(new JsonObject
            {
                ["object"] = "embedding",
                ["index"] = i,
                ["embedding"] = new JsonArray(inputs[i]!.GetValue<string>().Length, i, 1),
            });
        }

        var answer = new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = "text-embedding-3-small",
            ["usage"] = new JsonObject { ["prompt_tokens"] = 7, ["total_tokens"] = 7 },
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer.ToJsonString());
    }

    public async Task DisposeAsync()
    {
        if (!SharedModels.Available)
        {
            return;
        }

        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Node.DisposeAsync();
        await Cloud.StopAsync();
        await Cloud.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}

public sealed class CloudEmbeddingsTests(CloudEmbeddingsFixture fixture) : IClassFixture<CloudEmbeddingsFixture>
{
    private int ReceivedCount
    {
        get
        {
            lock (fixture.Received)
            {
                return fixture.Received.Count;
            }
        }
    }

    private Task<HttpResponseMessage> PostAsync(object body, string? privacy = null)
    {
        var request = Requests.Post("/v1/embeddings", JsonSerializer.Serialize(body));
        if (privacy is not null)
        {
            request.Headers.Add("x-locus-privacy", privacy);
        }

        return fixture.Http.SendAsync(request);
    }

    [ModelFact]
    public async Task Post_CloudTarget_ForwardedWithItsModelAndKeyAndAnsweredInOrder()
    {
        using var response = await PostAsync(new { model = "cloud", input = new[] { "abc", "hello world" }, dimensions = 3 });

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var doc = JsonDocument.Parse(body);
        var data = doc.RootElement.GetProperty("data");
        Assert.Equal([3f, 0f, 1f], data[0].GetProperty("embedding").EnumerateArray().Select(v => v.GetSingle()));
        Assert.Equal([11f, 1f, 1f], data[1].GetProperty("embedding").EnumerateArray().Select(v => v.GetSingle()));
        Assert.Equal(7, doc.RootElement.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal("cloud", doc.RootElement.GetProperty("model").GetString());
        string sent;
        lock (fixture.Received)
        {
            sent = fixture.Received[^1];
        }

        var upstream = JsonNode.Parse(sent)!;
        Assert.Equal("text-embedding-3-small", upstream["model"]!.GetValue<string>());
        Assert.Equal(3, upstream["dimensions"]!.GetValue<int>());
        Assert.Equal(["abc", "hello world"], upstream["input"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [ModelTheory]
    [InlineData("mail alice.smith@example.com about it", null, "private_data")]
    [InlineData("my key is sk-proj-Ab3dEf9hIj2kLm4nOp6qRs8tUv0wXy1zAB3dEf5h", null, "private_data")]
    [InlineData("nothing private here", "local-only", "privacy_local_only")]
    [InlineData("nothing private here", "sensitive", "privacy_local_only")]
    public async Task Post_CloudTargetWithPrivateText_403AndNothingLeaves(string text, string? privacy, string code)
    {
        var before = ReceivedCount;

        using var response = await PostAsync(new { model = "cloud", input = new[] { "fine", text } }, privacy);

        await OpenAIError.AssertAsync(response, HttpStatusCode.Forbidden, "input", code);
        Assert.Equal(before, ReceivedCount);
    }

    [ModelFact]
    public async Task Post_CloudTargetWithTokenIds_400AndNothingLeaves()
    {
        var before = ReceivedCount;

        using var response = await PostAsync(new { model = "cloud", input = new[] { 1, 2, 3 } });

        await OpenAIError.AssertAsync(response, HttpStatusCode.BadRequest, "input", "unsupported_value");
        Assert.Equal(before, ReceivedCount);
    }

    [ModelTheory]
    [InlineData("local")]
    [InlineData("auto")]
    [InlineData("random-qwen2-tiny")]
    public async Task Post_LocalModels_EmbedOnTheDeviceEvenWithPrivateText(string model)
    {
        var before = ReceivedCount;

        using var response = await PostAsync(new { model, input = "mail alice.smith@example.com about it" }, "local-only");

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal(before, ReceivedCount);
    }

    [ModelFact]
    public async Task Models_OnARoutingNode_ListTheEmbeddingModel()
    {
        var models = await fixture.Http.GetStringAsync("/v1/models");

        Assert.Contains("\"random-qwen2-tiny\"", models, StringComparison.Ordinal);
        Assert.Contains("\"cloud\"", models, StringComparison.Ordinal);
    }
}
