using System.Net;
using System.Text.Json;
using Locus.Server.Tests.Infrastructure;

namespace Locus.Server.Tests.Routing;

/// <summary>
/// Delegation end to end, with real parts only: node B is a real Locus serving stories260K through llama.cpp (with a
/// scriptable cloud and a scriptable peer of its own, "attic", both recording what reaches them); node A is another
/// real Locus with its own stories260K and B configured as peer "studio". A's policy keeps private data on the
/// person's devices, so a private tier-3 request goes to B rather than A's small local model.
/// </summary>
public sealed class DelegationTests
{
    private const string PrivateHard = "Email jane.doe@example.com about it. " + HybridRoutingTests.Hard;

    private static string NodeB(Uri cloud, Uri attic) => $"""
        targets:
          - name: local
            kind: llama
            model: {SharedModels.Stories}
          - name: cloud
            kind: openai
            base_url: {cloud}
            model: frontier
            max_retries: 0
          - name: attic
            kind: peer
            base_url: {attic}
            max_retries: 0
        routing:
          peers: [attic]
        ledger:
          path: {"{dir}"}/usage.db
        """;

    private static string NodeA(Uri peer) => $"""
        targets:
          - name: local
            kind: llama
            model: {SharedModels.Stories}
          - name: studio
            kind: peer
            base_url: {peer}
            breaker_failures: 2
        routing:
          privacy: local
          peers: [studio]
        ledger:
          path: {"{dir}"}/usage.db
        """;

    [ModelFact]
    public async Task Chat_PrivateHardTask_StreamedFromPeerThenLocalOnceThePeerStops()
    {
        await using var cloud = await UpstreamServer.StartAsync();
        await using var attic = await UpstreamServer.StartAsync();
        var b = await YamlNode.StartAsync(NodeB(cloud.BaseUrl, attic.BaseUrl), "node-b");
        try
        {
            await using var a = await YamlNode.StartAsync(NodeA(b.ApiUrl), "node-a");

            // Delegated: streamed from B, through A, in several chunks.
            using (var response = await a.ChatAsync(PrivateHard, stream: true, maxTokens: 300))
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(("3", "studio", ""), (HybridFixture.Header(response, "x-locus-tier"), HybridFixture.Header(response, "x-locus-target"),
                    HybridFixture.Header(response, "x-locus-degraded")));
                Assert.Contains("-> peer studio, tier 3", HybridFixture.Header(response, "x-locus-reason"), StringComparison.Ordinal);
                var chunks = Contents(await SseEvents.ReadAsync(response));
                // stories260K outruns loopback at first, so both pumps merge waiting tokens; over 300 tokens many events remain.
                Assert.True(chunks.Count(c => c.Length > 0) >= 5, $"{chunks.Count} chunks: {string.Join("|", chunks.Select(c => c.Length))}");
                Assert.NotEmpty(string.Concat(chunks).Trim());
            }

            // B served it on its own model: its ledger has the row; it neither used its cloud nor passed it on to its peer.
            var usage = await b.UsageAsync();
            Assert.Equal(1, usage.GetProperty("requests").GetInt32());
            Assert.Contains("\"local\"", usage.GetProperty("targets").GetRawText(), StringComparison.Ordinal);
            Assert.Empty(cloud.Requests); // A sent x-locus-privacy: local-only, so B kept it on its devices
            Assert.Empty(attic.Requests); // and x-locus-delegated, so B did not delegate it again

            // B stops: A answers on its own model, degraded, and says the peer failed — streaming and not.
            await b.DisposeAsync();
            foreach (var stream in new[] { true, false })
            {
                using var response = await a.ChatAsync(PrivateHard, stream);
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.OK, body);
                Assert.Equal(("1", "local", "true"), (HybridFixture.Header(response, "x-locus-tier"), HybridFixture.Header(response, "x-locus-target"),
                    HybridFixture.Header(response, "x-locus-degraded")));
                Assert.Contains("fallback: studio failed (upstream_unreachable) -> tier 1 (local)", HybridFixture.Header(response, "x-locus-reason"), StringComparison.Ordinal);
                Assert.NotEmpty(stream ? string.Concat(Contents(SseEvents.Parse(body))) : Message(body));
            }

            // Two failures opened studio's circuit (breaker_failures: 2): the next request does not try it at all.
            using (var skipped = await a.ChatAsync(PrivateHard, stream: false))
            {
                Assert.Equal(HttpStatusCode.OK, skipped.StatusCode);
                Assert.Equal("local", HybridFixture.Header(skipped, "x-locus-target"));
                Assert.Contains("no peer can take it: studio unavailable", HybridFixture.Header(skipped, "x-locus-reason"), StringComparison.Ordinal);
                Assert.DoesNotContain("fallback", HybridFixture.Header(skipped, "x-locus-reason"), StringComparison.Ordinal);
            }
        }
        finally
        {
            await b.DisposeAsync();
        }
    }

    [ModelFact]
    public async Task Chat_DelegatedHeader_NeverPassedOnToPeers()
    {
        await using var cloud = await UpstreamServer.StartAsync();
        await using var attic = await UpstreamServer.StartAsync();
        await using var b = await YamlNode.StartAsync(NodeB(cloud.BaseUrl, attic.BaseUrl), "node-b");

        // Without the header, B's policy does send private tier-3 work to its peer, marked as delegated by B...
        using (var direct = await b.ChatAsync(PrivateHard, stream: false, new Dictionary<string, string> { ["x-locus-privacy"] = "local-only" }))
        {
            Assert.Equal("attic", HybridFixture.Header(direct, "x-locus-target"));
            var sent = Assert.Single(attic.Requests);
            Assert.Equal(("node-b", "local-only"), (sent.Headers["x-locus-delegated"], sent.Headers["x-locus-privacy"]));
        }

        // ...but the same request delegated to B by another node stays on B's own targets.
        using var delegated = await b.ChatAsync(PrivateHard, stream: false,
            new Dictionary<string, string> { ["x-locus-privacy"] = "local-only", ["x-locus-delegated"] = "node-a" });
        Assert.Equal(HttpStatusCode.OK, delegated.StatusCode);
        Assert.Equal("local", HybridFixture.Header(delegated, "x-locus-target"));
        Assert.Contains("delegated by node-a", HybridFixture.Header(delegated, "x-locus-reason"), StringComparison.Ordinal);
        Assert.Single(attic.Requests);
    }

    [ModelFact]
    public async Task Chat_DelegatedRequestPinningAPeer_RefusedAsLoop()
    {
        await using var cloud = await UpstreamServer.StartAsync();
        await using var attic = await UpstreamServer.StartAsync();
        await using var b = await YamlNode.StartAsync(NodeB(cloud.BaseUrl, attic.BaseUrl), "node-b");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent("""{"model":"attic","messages":[{"role":"user","content":"hi"}]}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-locus-delegated", "node-a");

        using var response = await b.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("delegation_loop", OpenAIError.AssertShape(await response.Content.ReadAsStringAsync()).GetProperty("code").GetString());
        Assert.Empty(attic.Requests);
    }

    [ModelFact]
    public async Task Chat_DelegatedHeaderTooLong_400NamingTheHeader()
    {
        await using var cloud = await UpstreamServer.StartAsync();
        await using var attic = await UpstreamServer.StartAsync();
        await using var b = await YamlNode.StartAsync(NodeB(cloud.BaseUrl, attic.BaseUrl), "node-b");

        using var response = await b.ChatAsync("hi", stream: false, new Dictionary<string, string> { ["x-locus-delegated"] = new string('n', 65) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = OpenAIError.AssertShape(await response.Content.ReadAsStringAsync());
        Assert.Equal(("invalid_header", "x-locus-delegated"), (error.GetProperty("code").GetString(), error.GetProperty("param").GetString()));
    }

    private static List<string> Contents(IEnumerable<string> events) =>
        [.. SseEvents.Json(events).Select(e => e.GetProperty("choices") is var choices && choices.GetArrayLength() > 0
            && choices[0].GetProperty("delta").TryGetProperty("content", out var c) ? c.GetString() ?? "" : "")];

    private static string Message(string body)
    {
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString() ?? "";
    }
}
