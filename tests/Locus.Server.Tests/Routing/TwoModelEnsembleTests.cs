using System.Net;
using Locus.Core.Configuration;
using Locus.Node;
using Locus.Server.Tests.Infrastructure;

namespace Locus.Server.Tests.Routing;

/// <summary>Tier 2 through the server with two local models in llama.cpp: agreement answers locally, disagreement escalates.</summary>
public sealed class TwoModelEnsembleTests
{
    private static StringContent Body(string prompt, int maxTokens = 12) => new(
        System.Text.Json.JsonSerializer.Serialize(new { model = "auto", max_tokens = maxTokens, temperature = 0, messages = new[] { new { role = "user", content = prompt } } }),
        System.Text.Encoding.UTF8, "application/json");

    private sealed record Answer(HttpStatusCode Status, string Tier, string Target, string Reason, string Text);

    /// <summary>Starts a node and server from <paramref name="configFile"/>, sends one chat request, and stops them.</summary>
    private static async Task<Answer> AskOnceAsync(string configFile, StringContent body)
    {
        await using var node = await LocusNode.StartAsync(new NodeSettings
        {
            Config = NodeConfigFiles.Read(configFile, new LocusOptions { Llama = HybridFixture.Llama }),
        });
        await using var app = LocusServer.Build(new ServerOptions { Port = 0 }, node);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()), Timeout = TimeSpan.FromSeconds(60) };
        using var response = await http.PostAsync("/v1/chat/completions", body);
        return new Answer(response.StatusCode, HybridFixture.Header(response, "x-locus-tier"), HybridFixture.Header(response, "x-locus-target"),
            HybridFixture.Header(response, "x-locus-reason"), await HybridFixture.TextAsync(response));
    }

    [ModelFact]
    public async Task Ensemble_TwoLocalModels_AgreeingServedOnTier2_DisagreeingEscalated()
    {
        await using var upstream = await UpstreamServer.StartAsync();
        var dir = Directory.CreateTempSubdirectory("locus-ensemble-").FullName;
        try
        {
            // stories260K twice (same weights, greedy: they agree) and a random-weight Qwen2 (it disagrees with both).
            async Task<Answer> AskAsync(string second)
            {
                var file = Path.Combine(dir, second + ".yaml");
                File.WriteAllText(file, $"""
                    targets:
                      - name: stories-a
                        kind: llama
                        model: {SharedModels.Stories}
                      - name: stories-b
                        kind: llama
                        model: {SharedModels.Stories}
                      - name: qwen
                        kind: llama
                        model: {SharedModels.Qwen}
                      - name: cloud
                        kind: openai
                        base_url: {upstream.BaseUrl}
                        model: frontier
                    routing:
                      fast: stories-a
                      ensemble: {"{"} targets: [stories-a, {second}], agreement: 0.9 {"}"}
                    ledger:
                      enabled: false
                    """);
                return await AskOnceAsync(file, Body(HybridRoutingTests.Medium));
            }

            var agree = await AskAsync("stories-b");
            Assert.Equal((HttpStatusCode.OK, "2", "stories-a+stories-b"), (agree.Status, agree.Tier, agree.Target));
            Assert.Contains("2 answers agreed", agree.Reason, StringComparison.Ordinal);

            var disagree = await AskAsync("qwen");
            Assert.Equal((HttpStatusCode.OK, "3", "cloud"), (disagree.Status, disagree.Tier, disagree.Target));
            Assert.Contains("disagreed", disagree.Reason, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [ModelFact]
    public async Task Ensemble_ShortAnswers_ReasonNamesTheMeasure()
    {
        await using var upstream = await UpstreamServer.StartAsync();
        var dir = Directory.CreateTempSubdirectory("locus-ensemble-measure-").FullName;
        try
        {
            // Four greedy tokens from the same weights twice: stories260K says "Here (a quote and one word), a short
            // answer, so auto votes; forced similarity measures the same answers by word sets.
            async Task<(string Tier, string Reason, string Answer)> AskAsync(string measure)
            {
                var file = Path.Combine(dir, measure + ".yaml");
                File.WriteAllText(file, $"""
                    targets:
                      - name: stories-a
                        kind: llama
                        model: {SharedModels.Stories}
                      - name: stories-b
                        kind: llama
                        model: {SharedModels.Stories}
                      - name: cloud
                        kind: openai
                        base_url: {upstream.BaseUrl}
                        model: frontier
                    routing:
                      fast: stories-a
                      ensemble: {"{"} targets: [stories-a, stories-b], agreement: 0.9, measure: {measure} {"}"}
                    ledger:
                      enabled: false
                    """);
                var answer = await AskOnceAsync(file, Body(HybridRoutingTests.Medium, maxTokens: 4));
                Assert.Equal(HttpStatusCode.OK, answer.Status);
                return (answer.Tier, answer.Reason, answer.Text);
            }

            var auto = await AskAsync("auto");
            Assert.True(Locus.Routing.Ensembles.ShortAnswer.Extract(auto.Answer) is not null, $"four tokens should make a short answer: {auto.Answer}");
            Assert.Equal("2", auto.Tier);
            Assert.Contains("2 answers agreed: vote 2/2 agree on", auto.Reason, StringComparison.Ordinal);

            var similarity = await AskAsync("similarity");
            Assert.Equal("2", similarity.Tier);
            Assert.Contains("2 answers agreed: similarity 1.00", similarity.Reason, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
