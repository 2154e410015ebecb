using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Locus.Ledger.Sqlite;
using Locus.Server.Tests.Infrastructure;

namespace Locus.Server.Tests.Routing;

/// <summary>
/// Context handling on a routing node (stories260K with a 512-token context locally, a loopback OpenAI-compatible
/// cloud with 128k): max_tokens beyond the local context is clamped and said so; a prompt too big for the local model
/// goes to the cloud, with the reason; a prompt that fits nowhere (or may not leave the device) is a 400 with the
/// numbers in each API's shape; /v1/completions is routed like chat.
/// </summary>
[Collection(HybridCollection.Name)]
public sealed class ContextRoutingTests(HybridFixture fx) : IAsyncLifetime
{
    private const string Clamped = "x-locus-max-tokens-clamped";

    /// <summary>About 600 stories260K tokens: more than its 512-token context, a few hundred for a cloud model.</summary>
    private static readonly string TooBigForLocal = string.Concat(Enumerable.Repeat("Once upon a time there was a little girl named Lily. ", 60));

    public Task InitializeAsync()
    {
        if (SharedModels.Available)
        {
            fx.Cloud.Behavior = fx.Claude.Behavior = new UpstreamBehavior { RequiredApiKey = HybridFixture.CloudKey };
        }

        return Task.CompletedTask;
    }

    public Task DisposeAsync() => InitializeAsync();

    private Task<HttpResponseMessage> PostAsync(string path, object body, IDictionary<string, string>? headers = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return fx.Http.SendAsync(request);
    }

    private async Task<Locus.Ledger.UsageRecord> NewestRowAsync()
    {
        await using var ledger = UsageLedger.OpenReadOnly(fx.LedgerFile);
        return (await ledger.RecentAsync(1))[0];
    }

    [ModelFact]
    public async Task Chat_LocalModelMaxTokens64000_ClampedToContextEndWithHeaderAndRow()
    {
        using var response = await PostAsync("/v1/chat/completions", new
        {
            model = "local",
            messages = new[] { new { role = "user", content = "Once upon a time" } },
            max_tokens = 64_000,
            temperature = 0,
            ignore_eos = true,
        });
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var doc = JsonDocument.Parse(body);
        var usage = doc.RootElement.GetProperty("usage");
        var granted = 512 - usage.GetProperty("prompt_tokens").GetInt32();
        Assert.Equal($"64000->{granted}", HybridFixture.Header(response, Clamped));
        Assert.Equal(granted, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal("length", doc.RootElement.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Contains("max_tokens 64,000", HybridFixture.Header(response, "x-locus-reason"), StringComparison.Ordinal);
        var row = await NewestRowAsync();
        Assert.Equal(("local", 64_000, granted), (row.Target, row.MaxTokensAsked, row.MaxTokensGranted));
    }

    [ModelFact]
    public async Task Stream_AutoLocalOnlyMaxTokens64000_ClampedHeaderOnTheStream()
    {
        using var response = await fx.ChatAsync("Once upon a time", stream: true, maxTokens: 64_000,
            headers: new Dictionary<string, string> { ["x-locus-privacy"] = "local-only" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("1", "local"), (HybridFixture.Header(response, "x-locus-tier"), HybridFixture.Header(response, "x-locus-target")));
        Assert.StartsWith("64000->", HybridFixture.Header(response, Clamped), StringComparison.Ordinal);
        var events = await SseEvents.ReadAsync(response);
        Assert.Equal(SseEvents.Done, events[^1]);
    }

    [ModelFact]
    public async Task Chat_PromptTooBigForLocalFitsCloud_RoutedToCloudWithContextReason()
    {
        var before = fx.Cloud.Requests.Count;

        using var response = await fx.ChatAsync(TooBigForLocal, maxTokens: 16);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("3", "cloud"), (HybridFixture.Header(response, "x-locus-tier"), HybridFixture.Header(response, "x-locus-target")));
        var reason = HybridFixture.Header(response, "x-locus-reason");
        Assert.Contains("context: prompt", reason, StringComparison.Ordinal);
        Assert.Contains("tokens (counted)", reason, StringComparison.Ordinal);
        Assert.Contains("local's 512-token context", reason, StringComparison.Ordinal);
        Assert.Equal(before + 1, fx.Cloud.Requests.Count);
    }

    [ModelFact]
    public async Task Chat_PromptFitsNowhere_400ContextLengthExceededWithNumbers()
    {
        // ~143,000 tokens by the estimate: beyond the cloud's 128,000 too.
        var prompt = new string('a', 500_000);
        var before = fx.Cloud.Requests.Count;

        using var response = await fx.ChatAsync(prompt, maxTokens: 16);

        var error = await OpenAIError.AssertAsync(response, HttpStatusCode.BadRequest, "messages", "context_length_exceeded");
        var message = error.GetProperty("message").GetString();
        Assert.Contains("128,000 tokens", message, StringComparison.Ordinal);
        Assert.Matches("prompt is [0-9,]+ tokens", message);
        Assert.Equal(before, fx.Cloud.Requests.Count);
        Assert.Equal("refused:context_length_exceeded", (await NewestRowAsync()).Outcome);
    }

    [ModelFact]
    public async Task Messages_LocalOnlyPromptTooBigForLocal_AnthropicShaped400NeverCloud()
    {
        var before = (fx.Cloud.Requests.Count, fx.Claude.Requests.Count);

        using var response = await PostAsync("/v1/messages", new
        {
            model = "auto",
            max_tokens = 16,
            messages = new[] { new { role = "user", content = TooBigForLocal } },
        }, new Dictionary<string, string> { ["anthropic-version"] = "2023-06-01", ["x-locus-privacy"] = "local-only" });
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        using var doc = JsonDocument.Parse(body);
        Assert.Equal("error", doc.RootElement.GetProperty("type").GetString());
        var error = doc.RootElement.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        var message = error.GetProperty("message").GetString();
        Assert.Contains("512 tokens ('local')", message, StringComparison.Ordinal);
        Assert.Matches("prompt is [0-9,]+ tokens", message);
        Assert.Equal(before, (fx.Cloud.Requests.Count, fx.Claude.Requests.Count));
    }

    [ModelFact]
    public async Task Completions_OnRoutingNode_RoutedWithHeadersAndALedgerRow()
    {
        using var response = await PostAsync("/v1/completions", new { model = "auto", prompt = "Once upon a time", max_tokens = 12, temperature = 0 });
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal(("1", "local"), (HybridFixture.Header(response, "x-locus-tier"), HybridFixture.Header(response, "x-locus-target")));
        Assert.Contains("complexity: score", HybridFixture.Header(response, "x-locus-reason"), StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(body);
        Assert.Equal("text_completion", doc.RootElement.GetProperty("object").GetString());
        var row = await NewestRowAsync();
        Assert.Equal((1, "local", "ok"), (row.Tier, row.Target, row.Outcome));
        Assert.Equal(doc.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32(), row.OutputTokens);
    }

    [ModelFact]
    public async Task Completions_StreamingHardPrompt_StaysOnTargetThatCompletesRawText()
    {
        using var response = await PostAsync("/v1/completions", new { model = "auto", prompt = HybridRoutingTests.Hard, max_tokens = 8, stream = true });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("local", HybridFixture.Header(response, "x-locus-target"));
        Assert.Contains("cloud cannot complete a raw prompt", HybridFixture.Header(response, "x-locus-reason"), StringComparison.Ordinal);
        Assert.Equal(SseEvents.Done, (await SseEvents.ReadAsync(response))[^1]);
    }

    [ModelFact]
    public async Task Completions_PinnedCloudTarget_400UnsupportedModelWithReason()
    {
        var before = fx.Cloud.Requests.Count;

        using var response = await PostAsync("/v1/completions", new { model = "cloud", prompt = "Once upon a time", max_tokens = 8 });

        await OpenAIError.AssertAsync(response, HttpStatusCode.BadRequest, "model", "unsupported_model");
        Assert.Contains("completions: cloud cannot complete a raw prompt", HybridFixture.Header(response, "x-locus-reason"), StringComparison.Ordinal);
        Assert.Equal(before, fx.Cloud.Requests.Count);
        Assert.Equal("refused:unsupported_model", (await NewestRowAsync()).Outcome);
    }
}
