using System.Net.Http.Json;
using System.Text.Json;
using Locus.Core.Abstractions;
using Locus.Core.Configuration;
using Locus.Llama;
using Locus.Node;
using Locus.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace Locus.Server.Tests.Routing;

/// <summary>
/// Real servers on loopback: Locus under test (stories260K in llama.cpp as the local target, ledger in a temp SQLite
/// file, config read from a real YAML file) in front of three upstreams — a scriptable OpenAI-compatible server and a
/// scriptable Anthropic one standing in for cloud providers (they record every byte they receive), and a second real
/// Locus serving stories260K as an OpenAI-compatible peer.
/// </summary>
public sealed class HybridFixture : IAsyncLifetime
{
    public const string CloudKey = "sk-cloud-test-key-0123456789";
    public const string AdminKey = "admin-key";
    public const string TeamKey = "team-key-1";
    public const string VaultKey = "vault-key-1";
    private IModelCatalog? _peerModels;
    private RunningServer? _peer;

    public UpstreamServer Cloud { get; private set; } = null!;

    public UpstreamServer Claude { get; private set; } = null!;

    public LocusNode Node { get; private set; } = null!;

    public WebApplication App { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public string Dir { get; } = Directory.CreateTempSubdirectory("locus-hybrid-").FullName;

    public string ConfigFile => Path.Combine(Dir, "locus.yaml");

    public string LedgerFile => Path.Combine(Dir, "usage.db");

    public static LlamaOptions Llama { get; } = new() { Threads = 2, ContextSize = 512, ChatTemplateFallback = "chatml" };

    public async Task InitializeAsync()
    {
        if (!SharedModels.Available)
        {
            return;
        }

        Cloud = await UpstreamServer.StartAsync(new UpstreamBehavior { RequiredApiKey = CloudKey });
        Claude = await UpstreamServer.StartAsync(new UpstreamBehavior { RequiredApiKey = CloudKey });
        _peerModels = await LlamaModels.LoadAsync([new LocalModelSpec(SharedModels.Stories, "stories")], Llama);
        _peer = await RunningServer.StartAsync(_peerModels);

        File.WriteAllText(ConfigFile, Config());
        Node = await LocusNode.StartAsync(new NodeSettings
        {
            Config = NodeConfigFiles.Read(ConfigFile, new LocusOptions { Llama = Llama }, Environment),
            ConfigFile = ConfigFile,
            Environment = Environment,
            ReloadInterval = TimeSpan.FromMilliseconds(200),
        });
        App = LocusServer.Build(new ServerOptions { Port = 0, ApiKeys = [AdminKey] }, Node);
        await App.StartAsync();
        Http = new HttpClient { BaseAddress = new Uri(App.Urls.Single()), Timeout = TimeSpan.FromSeconds(60) };
        Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminKey);
    }

    public static string? Environment(string name) => name switch
    {
        "CLOUD_KEY" => CloudKey,
        "TEAM_KEY" => TeamKey,
        "VAULT_KEY" => VaultKey,
        _ => null,
    };

    /// <summary>The config file the node starts with; tests that reload write variations of it.</summary>
    public string Config(string routingExtra = "") => $"""
        targets:
          - name: local
            kind: llama
            model: {SharedModels.Stories}
          - name: cloud
            kind: openai
            base_url: {Cloud.BaseUrl}
            model: frontier-model
            api_key_env: CLOUD_KEY
            price: {"{"} input: 3, output: 15 {"}"}
            timeout_ms: 1500
            max_retries: 1
            breaker_failures: 1000
          - name: claude
            kind: anthropic
            base_url: {Claude.BaseUrl}
            model: claude-test
            api_key_env: CLOUD_KEY
            price: {"{"} input: 3, output: 15 {"}"}
            timeout_ms: 1500
          - name: peer
            kind: openai
            base_url: {_peer!.BaseAddress}v1
            model: stories
            on_device: true
            context_length: 512
        routing:
          cloud: [cloud]
          ensemble: {"{"} targets: [local], samples: 2, agreement: 0.9 {"}"}
        {routingExtra}
        clients:
          - name: team
            api_key_env: TEAM_KEY
            daily_budget_usd: 0.002
          - name: vault
            api_key_env: VAULT_KEY
            privacy: local
        ledger:
          path: {LedgerFile}
        """;

    /// <summary>Posts a chat completion; returns the response (caller disposes).</summary>
    public Task<HttpResponseMessage> ChatAsync(string prompt, string model = "auto", bool stream = false, int maxTokens = 24,
        IDictionary<string, string>? headers = null, double? temperature = 0)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = JsonContent.Create(new Dictionary<string, object?>
            {
                ["model"] = model,
                ["messages"] = new[] { new { role = "user", content = prompt } },
                ["max_tokens"] = maxTokens,
                ["stream"] = stream,
                ["temperature"] = temperature,
                ["seed"] = 7,
            }),
        };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            if (name == "Authorization")
            {
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }
        return Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    public static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";

    public static async Task<string> TextAsync(HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString() ?? "";
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
        await _peer!.DisposeAsync();
        _peerModels!.Dispose();
        await Cloud.DisposeAsync();
        await Claude.DisposeAsync();
        Directory.Delete(Dir, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class HybridCollection : ICollectionFixture<HybridFixture>
{
    public const string Name = "hybrid";
}
