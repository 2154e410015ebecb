using System.Net;
using Locus.Core.Configuration;
using Locus.Node;
using Locus.Server.Tests.Infrastructure;

namespace Locus.Server.Tests.Routing;

/// <summary>A cloud upstream that is not running at all (connection refused): auto requests degrade, pinned ones get 503.</summary>
public sealed class CloudStoppedTests
{
    private static StringContent Body(string prompt, string model) => new(
        System.Text.Json.JsonSerializer.Serialize(new { model, max_tokens = 16, messages = new[] { new { role = "user", content = prompt } } }),
        System.Text.Encoding.UTF8, "application/json");

    [ModelFact]
    public async Task CloudStopped_AutoAnsweredLocally_PinnedGets503()
    {
        var upstream = await UpstreamServer.StartAsync();
        var url = upstream.BaseUrl;
        await upstream.StopAsync();
        await upstream.DisposeAsync();

        var dir = Directory.CreateTempSubdirectory("locus-stopped-").FullName;
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
                    base_url: {url}
                    model: frontier
                    max_retries: 1
                ledger:
                  path: {Path.Combine(dir, "usage.db")}
                """);
            await using var node = await LocusNode.StartAsync(new NodeSettings
            {
                Config = NodeConfigFiles.Read(file, new LocusOptions { Llama = HybridFixture.Llama }),
            });
            await using var app = LocusServer.Build(new ServerOptions { Port = 0 }, node);
            await app.StartAsync();
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()), Timeout = TimeSpan.FromSeconds(30) };

            using var auto = await http.PostAsync("/v1/chat/completions", Body(HybridRoutingTests.Hard, "auto"));
            Assert.Equal(HttpStatusCode.OK, auto.StatusCode);
            Assert.Equal("true", HybridFixture.Header(auto, "x-locus-degraded"));
            Assert.Equal("local", HybridFixture.Header(auto, "x-locus-target"));

            using var pinned = await http.PostAsync("/v1/chat/completions", Body(HybridRoutingTests.Simple, "cloud"));
            var body = await pinned.Content.ReadAsStringAsync();
            Assert.True(pinned.StatusCode == HttpStatusCode.ServiceUnavailable, body);
            Assert.Contains("cloud", OpenAIError.AssertShape(body).GetProperty("message").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
