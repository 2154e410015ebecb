using System.Net;
using System.Text.Json;
using Locus.Server.Tests.Infrastructure;

namespace Locus.Server.Tests.Routing;

/// <summary>
/// The confidence cascade end to end: real llama.cpp (stories260K) answers first, its token confidence decides, the
/// scriptable upstream answers escalations; headers and ledger say what actually answered.
/// </summary>
public sealed class CascadeTests
{
    private const string Prompt = HybridRoutingTests.Simple;

    [ModelFact]
    public async Task Chat_ThresholdAboveWhatTheLocalModelReaches_AnsweredByUpstreamWithCascadeReason()
    {
        await using var cloud = await UpstreamServer.StartAsync();
        await using var node = await RoutingNode.StartAsync(cloud.BaseUrl, "{ min_confidence: 0.99 }");

        using var response = await node.ChatAsync(Prompt);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("3", "cloud"), (HybridFixture.Header(response, "x-locus-tier"), HybridFixture.Header(response, "x-locus-target")));
        Assert.Matches(@"cascade: local confidence 0\.\d\d < 0\.99 \(mean_logprob, \d+ tokens\) -> cloud", HybridFixture.Header(response, "x-locus-reason"));
        Assert.Equal("echo: " + Prompt, await HybridFixture.TextAsync(response));
        Assert.Single(cloud.Requests);
        using var usage = JsonDocument.Parse(await node.Http.GetStringAsync("/v1/usage?period=today"));
        Assert.Contains("\"cloud\"", usage.RootElement.GetRawText(), StringComparison.Ordinal);
    }

    [ModelFact]
    public async Task Chat_ThresholdZero_AnsweredLocally()
    {
        await using var cloud = await UpstreamServer.StartAsync();
        await using var node = await RoutingNode.StartAsync(cloud.BaseUrl, "{ min_confidence: 0 }");

        using var response = await node.ChatAsync(Prompt);

        Assert.Equal(("1", "local"), (HybridFixture.Header(response, "x-locus-tier"), HybridFixture.Header(response, "x-locus-target")));
        Assert.Matches(@"cascade: local confidence 0\.\d\d >= 0\.00", HybridFixture.Header(response, "x-locus-reason"));
        Assert.NotEmpty(await HybridFixture.TextAsync(response));
        Assert.Empty(cloud.Requests);
    }

    [ModelFact]
    public async Task Chat_UnsureAndUpstreamDown_LocalAnswerMarkedDegraded()
    {
        var cloud = await UpstreamServer.StartAsync();
        var url = cloud.BaseUrl;
        await cloud.StopAsync();
        await cloud.DisposeAsync();
        await using var node = await RoutingNode.StartAsync(url, "{ min_confidence: 0.99 }");

        using var response = await node.ChatAsync(Prompt);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("1", "local", "true"), (HybridFixture.Header(response, "x-locus-tier"), HybridFixture.Header(response, "x-locus-target"),
            HybridFixture.Header(response, "x-locus-degraded")));
        Assert.Contains("the local answer after all (degraded)", HybridFixture.Header(response, "x-locus-reason"), StringComparison.Ordinal);
        Assert.NotEmpty(await HybridFixture.TextAsync(response));
    }

    [ModelFact]
    public async Task Stream_ThresholdAboveWhatTheLocalModelReaches_StreamsTheCloudAnswer()
    {
        await using var cloud = await UpstreamServer.StartAsync();
        await using var node = await RoutingNode.StartAsync(cloud.BaseUrl, "{ min_confidence: 0.99 }");

        using var response = await node.ChatAsync(Prompt, stream: true);
        var events = await SseEvents.ReadAsync(response);

        Assert.Equal("cloud", HybridFixture.Header(response, "x-locus-target"));
        Assert.Equal(SseEvents.Done, events[^1]);
        Assert.Equal("echo: " + Prompt, string.Concat(SseEvents.Json(events).Select(Delta)));
    }

    private static string Delta(JsonElement chunk) =>
        chunk.TryGetProperty("choices", out var choices) && choices.GetArrayLength() > 0
        && choices[0].GetProperty("delta").TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String
            ? c.GetString()! : "";
}
