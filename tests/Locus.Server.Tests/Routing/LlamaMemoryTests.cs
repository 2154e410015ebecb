using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Locus.Core.Abstractions;
using Locus.Core.Configuration;
using Locus.Node;
using Locus.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Locus.Server.Tests.Routing;

/// <summary>
/// The on-device path with a real llama.cpp target (stories260K): the prompt the model evaluated grows by what was
/// injected — every document, the private one included — as counted by llama.cpp's own tokenizer.
/// </summary>
public sealed class LlamaMemoryTests(ITestOutputHelper output)
{
    [ModelFact]
    public async Task Chat_LlamaTarget_EvaluatesEveryInjectedDocumentPrivateOneIncluded()
    {
        await using var cloud = await UpstreamServer.StartAsync();
        var memory = new FixedMemory(
            new MemoryDocument("m1", "secret-project", "The launch is on the ninth of May and the codename is Zephyr.", MemoryScope.Devices),
            new MemoryDocument("m2", "notes", "Prefers short answers.", MemoryScope.Cloud));
        var dir = Directory.CreateTempSubdirectory("locus-llama-memory-").FullName;
        try
        {
            var file = Path.Combine(dir, "locus.yaml");
            File.WriteAllText(file, $"""
                targets:
                  - name: local
                    kind: llama
                    model: {SharedModels.Stories}
                  - name: cloud
                    kind: openai
                    base_url: {cloud.BaseUrl}
                    model: frontier
                memory:
                  inject: always
                ledger:
                  enabled: false
                """);
            await using var node = await LocusNode.StartAsync(new NodeSettings
            {
                Config = NodeConfigFiles.Read(file, new LocusOptions { Llama = HybridFixture.Llama }),
                Memory = memory,
            });
            var app = LocusServer.Build(new ServerOptions { Port = 0 }, node);
            await app.StartAsync();
            try
            {
                using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
                var none = await PromptTokensAsync(http, "none");
                var notes = await PromptTokensAsync(http, "notes");
                var all = await PromptTokensAsync(http, "all");
                output.WriteLine($"prompt tokens (llama.cpp): none {none.Tokens}, notes {notes.Tokens}, all {all.Tokens}");

                Assert.True(notes.Tokens > none.Tokens, $"notes {notes.Tokens} vs none {none.Tokens}");
                Assert.True(all.Tokens > notes.Tokens, $"all {all.Tokens} vs notes {notes.Tokens}");
                Assert.Contains("memory: injected 2 documents (secret-project, notes) locally (local)", all.Reason, StringComparison.Ordinal);
                Assert.Empty(cloud.Requests);
            }
            finally
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<(int Tokens, string Reason)> PromptTokensAsync(HttpClient http, string memory)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = JsonContent.Create(new Dictionary<string, object?>
            {
                ["model"] = "auto",
                ["messages"] = new[] { new { role = "user", content = "Tell me a story." } },
                ["max_tokens"] = 4,
                ["temperature"] = 0,
            }),
        };
        request.Headers.Add("x-locus-memory", memory);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal("local", string.Join(",", response.Headers.GetValues("x-locus-target")));
        var tokens = JsonDocument.Parse(body).RootElement.GetProperty("usage").GetProperty("prompt_tokens").GetInt32();
        return (tokens, string.Join(",", response.Headers.GetValues("x-locus-reason")));
    }
}
