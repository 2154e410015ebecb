using System.Diagnostics;
using System.Net;
using Locus.Server.Tests.Infrastructure;

namespace Locus.Server.Tests.Routing;

/// <summary>Each tier chosen for its reason, both provider formats streaming, and fallback on every kind of cloud failure.</summary>
[Collection(HybridCollection.Name)]
public sealed class HybridRoutingTests(HybridFixture fx) : IAsyncLifetime
{
    public const string Simple = "What is the capital of France?";
    public const string Medium = "Explain why the sky is blue and compare it with sunsets.";
    public const string Hard = "Refactor this module and analyze the race condition; design a fix and explain the trade-off step by step.";

    public Task InitializeAsync()
    {
        if (SharedModels.Available)
        {
            fx.Cloud.Behavior = fx.Claude.Behavior = new UpstreamBehavior { RequiredApiKey = HybridFixture.CloudKey };
        }

        return Task.CompletedTask;
    }

    public Task DisposeAsync() => InitializeAsync();

    [ModelFact]
    public async Task Chat_SimpleLookup_AnsweredByLocalModelOnTier1()
    {
        var before = fx.Cloud.Requests.Count;
        using var response = await fx.ChatAsync(Simple);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1", HybridFixture.Header(response, "x-locus-tier"));
        Assert.Equal("local", HybridFixture.Header(response, "x-locus-target"));
        Assert.Contains("complexity: score", HybridFixture.Header(response, "x-locus-reason"), StringComparison.Ordinal);
        Assert.NotEmpty(await HybridFixture.TextAsync(response));
        Assert.Equal(before, fx.Cloud.Requests.Count);
    }

    [ModelFact]
    public async Task Chat_HardTask_EscalatedToCloudWithItsKeyAndModel()
    {
        using var response = await fx.ChatAsync(Hard);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("3", "cloud"), (HybridFixture.Header(response, "x-locus-tier"), HybridFixture.Header(response, "x-locus-target")));
        Assert.Contains("-> tier 3", HybridFixture.Header(response, "x-locus-reason"), StringComparison.Ordinal);
        Assert.Equal("echo: " + Hard, await HybridFixture.TextAsync(response));
        var sent = fx.Cloud.Requests[^1];
        Assert.Equal("Bearer " + HybridFixture.CloudKey, sent.Headers["Authorization"]);
        Assert.Contains("\"model\":\"frontier-model\"", sent.BodyText, StringComparison.Ordinal);
    }

    [ModelFact]
    public async Task Stream_HardTask_ThroughOpenAIProvider_StreamsUpstreamText()
    {
        using var response = await fx.ChatAsync(Hard, stream: true);
        Assert.Equal("cloud", HybridFixture.Header(response, "x-locus-target"));
        var events = await SseEvents.ReadAsync(response);
        Assert.Equal(SseEvents.Done, events[^1]);
        var text = string.Concat(SseEvents.Json(events).Select(Delta));
        Assert.Equal("echo: " + Hard, text);
        Assert.Contains("\"stream\":true", fx.Cloud.Requests[^1].BodyText, StringComparison.Ordinal);
    }

    [ModelFact]
    public async Task Stream_PinnedAnthropicTarget_TranslatesMessagesStream()
    {
        using var response = await fx.ChatAsync(Simple, model: "claude", stream: true);
        Assert.Equal(("3", "claude"), (HybridFixture.Header(response, "x-locus-tier"), HybridFixture.Header(response, "x-locus-target")));
        var events = await SseEvents.ReadAsync(response);
        Assert.Equal("echo: " + Simple, string.Concat(SseEvents.Json(events).Select(Delta)));
        var sent = fx.Claude.Requests[^1];
        Assert.EndsWith("/messages", sent.Path, StringComparison.Ordinal);
        Assert.Equal(HybridFixture.CloudKey, sent.Headers["x-api-key"]);
    }

    [ModelFact]
    public async Task Chat_PinnedPeer_SecondLocusAnswers()
    {
        using var response = await fx.ChatAsync(Simple, model: "peer");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("peer", HybridFixture.Header(response, "x-locus-target"));
        Assert.NotEmpty(await HybridFixture.TextAsync(response));
    }

    [ModelFact]
    public async Task Chat_MediumTaskGreedy_EnsembleAgreesOnTier2()
    {
        using var response = await fx.ChatAsync(Medium, temperature: 0);
        Assert.Equal(("2", "local"), (HybridFixture.Header(response, "x-locus-tier"), HybridFixture.Header(response, "x-locus-target")));
        Assert.Contains("ensemble: 2 answers agreed", HybridFixture.Header(response, "x-locus-reason"), StringComparison.Ordinal);
    }

    [ModelFact]
    public async Task Chat_MediumTaskSampled_EnsembleDisagreesAndEscalates()
    {
        using var response = await fx.ChatAsync(Medium, temperature: 1.5, maxTokens: 40);
        Assert.Equal(("3", "cloud"), (HybridFixture.Header(response, "x-locus-tier"), HybridFixture.Header(response, "x-locus-target")));
        Assert.Contains("disagreed", HybridFixture.Header(response, "x-locus-reason"), StringComparison.Ordinal);
    }

    [ModelFact]
    public async Task Chat_CloudTooSlow_TimesOutAndAnswersLocallyDegraded()
    {
        fx.Cloud.Behavior = fx.Cloud.Behavior with { DelayBeforeHeaders = TimeSpan.FromSeconds(20) };
        var clock = Stopwatch.StartNew();
        using var response = await fx.ChatAsync(Hard);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        AssertDegradedLocal(response);
        Assert.Contains("upstream_timeout", HybridFixture.Header(response, "x-locus-reason"), StringComparison.Ordinal);
    }

    [ModelFact]
    public async Task Chat_Cloud5xx_AnswersLocallyDegraded()
    {
        fx.Cloud.Behavior = fx.Cloud.Behavior with { Status = 500 };
        using var response = await fx.ChatAsync(Hard);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertDegradedLocal(response);
    }

    [ModelFact]
    public async Task Chat_CloudDropsStreamMidway_NonStreamingClientGetsLocalAnswer()
    {
        fx.Cloud.Behavior = fx.Cloud.Behavior with { DropStreamAfterChunks = 3 };
        using var response = await fx.ChatAsync(Hard);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertDegradedLocal(response);
        Assert.DoesNotContain("echo", await HybridFixture.TextAsync(response), StringComparison.Ordinal);
    }

    [ModelFact]
    public async Task Stream_CloudDropsStreamMidway_StreamingClientGetsCleanErrorEvent()
    {
        fx.Cloud.Behavior = fx.Cloud.Behavior with { DropStreamAfterChunks = 3 };
        using var response = await fx.ChatAsync(Hard, stream: true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = await SseEvents.ReadAsync(response);
        Assert.NotEqual(SseEvents.Done, events[^1]);
        var error = SseEvents.Json(events)[^1].GetProperty("error");
        Assert.Equal("upstream_stream_cut", error.GetProperty("code").GetString());
    }

    [ModelFact]
    public async Task Chat_PinnedCloudFailing_GetsCleanErrorNotLocalAnswer()
    {
        fx.Cloud.Behavior = fx.Cloud.Behavior with { Status = 503 };
        using var response = await fx.ChatAsync(Simple, model: "cloud");
        var error = await OpenAIError.AssertAsync(response, HttpStatusCode.BadGateway, null, "upstream_error");
        Assert.Contains("cloud", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [ModelFact]
    public async Task Messages_AnthropicClientThroughRouter_GetsExplanationHeaders()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new
            {
                model = "auto",
                max_tokens = 16,
                messages = new[] { new { role = "user", content = Hard } },
            }),
        };
        request.Headers.Add("x-api-key", HybridFixture.AdminKey);
        request.Headers.Add("anthropic-version", "2023-06-01");
        using var response = await fx.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal(("3", "cloud"), (HybridFixture.Header(response, "x-locus-tier"), HybridFixture.Header(response, "x-locus-target")));
        Assert.Contains("\"type\":\"message\"", body, StringComparison.Ordinal);
        Assert.Contains("echo: ", body, StringComparison.Ordinal);
    }

    [ModelFact]
    public async Task Chat_Refused_ErrorStillCarriesReasons()
    {
        using var response = await fx.ChatAsync(Hard, model: "cloud", headers: new Dictionary<string, string> { ["x-locus-privacy"] = "local-only" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("0", HybridFixture.Header(response, "x-locus-tier"));
        Assert.Contains("sensitivity: request marked local-only", HybridFixture.Header(response, "x-locus-reason"), StringComparison.Ordinal);
    }

    [ModelFact]
    public async Task Chat_BadPrivacyHeader_Is400NamingTheHeader()
    {
        using var response = await fx.ChatAsync(Simple, headers: new Dictionary<string, string> { ["x-locus-privacy"] = "secret-ish" });
        await OpenAIError.AssertAsync(response, HttpStatusCode.BadRequest, "x-locus-privacy", "invalid_header");
    }

    [ModelFact]
    public async Task Models_ListsAutoAndEveryTarget()
    {
        var body = await fx.Http.GetStringAsync("/v1/models");
        foreach (var id in new[] { "auto", "local", "cloud", "claude", "peer" })
        {
            Assert.Contains($"\"id\":\"{id}\"", body, StringComparison.Ordinal);
        }
    }

    private static void AssertDegradedLocal(HttpResponseMessage response)
    {
        Assert.Equal("true", HybridFixture.Header(response, "x-locus-degraded"));
        Assert.Equal("local", HybridFixture.Header(response, "x-locus-target"));
        Assert.Contains("fallback: cloud failed", HybridFixture.Header(response, "x-locus-reason"), StringComparison.Ordinal);
    }

    private static string Delta(System.Text.Json.JsonElement chunk) =>
        chunk.TryGetProperty("choices", out var choices) && choices.GetArrayLength() > 0
        && choices[0].GetProperty("delta").TryGetProperty("content", out var c) && c.ValueKind == System.Text.Json.JsonValueKind.String
            ? c.GetString()! : "";
}
