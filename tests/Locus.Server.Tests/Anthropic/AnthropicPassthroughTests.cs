using System.Net;
using System.Text.Json;
using Locus.Server.Tests.AgentTraffic;
using Locus.Server.Tests.Infrastructure;
using Locus.Server.Tests.Routing;

namespace Locus.Server.Tests.Anthropic;

/// <summary>
/// A node whose target is an Anthropic upstream (the recording loopback server speaking Anthropic's protocol): the
/// fields of Claude Code's recorded request that only Anthropic reads (thinking, context_management, output_config,
/// metadata) and its anthropic-beta header reach the upstream unchanged. The target states Anthropic's 200K context:
/// Claude Code asks for max_tokens 128000, which the 128K default for remote targets cannot hold.
/// </summary>
public sealed class AnthropicPassthroughTests : IAsyncLifetime
{
    private UpstreamServer _upstream = null!;
    private YamlNode _node = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _upstream = await UpstreamServer.StartAsync(new UpstreamBehavior());
        _node = await YamlNode.StartAsync($"""
            targets:
              - name: claude
                kind: anthropic
                base_url: {_upstream.BaseUrl}
                model: claude-test
                context_length: 200000
                max_retries: 0
            ledger:
              enabled: false
            """, "anthropic-passthrough");
        _http = _node.Http;
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Messages_ClaudeCodeRequestToAnthropicTarget_AnthropicOnlyFieldsAndBetaArriveUnchanged(bool stream)
    {
        var recorded = AgentRequest.Load(AgentRequest.ClaudeCode);
        using var request = recorded.ToHttp("claude", body => body["stream"] = stream);

        using var response = await _http.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var sent = _upstream.Requests[^1];
        Assert.EndsWith("/messages", sent.Path, StringComparison.Ordinal);
        Assert.Equal(recorded.Headers["anthropic-beta"], sent.Headers["anthropic-beta"]);
        using var body = JsonDocument.Parse(sent.Body);
        foreach (var field in new[] { "thinking", "context_management", "output_config", "metadata" })
        {
            Assert.True(JsonElement.DeepEquals(recorded.BodyElement(field), body.RootElement.GetProperty(field)), field);
        }

        // The body holds each field once, and the folded system prompt (both system sources) is there.
        Assert.Equal(body.RootElement.EnumerateObject().Count(), body.RootElement.EnumerateObject().Select(p => p.Name).Distinct().Count());
        var system = body.RootElement.GetProperty("system").GetString()!;
        Assert.Contains(recorded.Body["system"]![2]!["text"]!.GetValue<string>(), system, StringComparison.Ordinal);
        Assert.Contains(recorded.Body["messages"]![1]!["content"]![0]!["text"]!.GetValue<string>(), system, StringComparison.Ordinal);
        Assert.Equal(12, body.RootElement.GetProperty("tools").GetArrayLength());
    }

    [Fact]
    public async Task Messages_PlainRequestToAnthropicTarget_SendsNoBetaAndNoExtraFields()
    {
        using var request = Requests.Post("/v1/messages", """{"model":"claude","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""");

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = _upstream.Requests[^1];
        Assert.False(sent.Headers.ContainsKey("anthropic-beta"));
        using var body = JsonDocument.Parse(sent.Body);
        // Routing streams from the upstream even for a whole answer; nothing else is added.
        Assert.Equal(["model", "max_tokens", "messages", "stream"], body.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task CountTokens_AnthropicTarget_DocumentedEstimateWithoutAnUpstreamCall()
    {
        var before = _upstream.Requests.Count;
        using var request = Requests.Post("/v1/messages/count_tokens", """{"model":"claude","messages":[{"role":"user","content":"hello there"}]}""");

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("estimate", response.Headers.GetValues("x-locus-token-count").Single());
        Assert.Equal("""{"input_tokens":7}""", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, _upstream.Requests.Count);
    }
}
