using System.Net;
using System.Text.Json;
using Locus.Server.Tests.Anthropic;
using Locus.Server.Tests.Infrastructure;

namespace Locus.Server.Tests.AgentTraffic;

/// <summary>
/// Claude Code's recorded first request (structure of 2.1.337's: ?beta=true, its headers, 12 tools, a system entry
/// inside messages, thinking, context_management, output_config, metadata, cache_control) replayed at a real Locus with
/// a real local model: it must get a well-formed Messages stream, as Claude Code parses it.
/// </summary>
public sealed class ClaudeCodeReplayTests(AgentTrafficFixture fixture) : IClassFixture<AgentTrafficFixture>
{
    private static readonly AgentRequest Recorded = AgentRequest.Load(AgentRequest.ClaudeCode);

    [Fact]
    public void Fixture_HasClaudeCodesShape()
    {
        Assert.Equal(("POST", "/v1/messages", "true"), (Recorded.Method, Recorded.Path, Recorded.Query["beta"]));
        Assert.True(Recorded.Headers.ContainsKey("anthropic-version") && Recorded.Headers.ContainsKey("anthropic-beta"));
        Assert.Equal(12, Recorded.Body["tools"]!.AsArray().Count);
        Assert.Equal("system", Recorded.Body["messages"]![1]!["role"]!.GetValue<string>());
        Assert.True(Recorded.Body["stream"]!.GetValue<bool>());
        foreach (var field in new[] { "thinking", "context_management", "output_config", "metadata", "system" })
        {
            Assert.True(Recorded.Body.ContainsKey(field), field);
        }
    }

    /// <summary>
    /// As recorded, but with max_tokens lowered to what the local context leaves: Claude Code asks for 128000, more than
    /// this model's whole context, which Locus refuses (400) until max_tokens is clamped to the room left (the
    /// context-handling work; <see cref="Replay_ClaudeCodeFirstRequestUnchanged_WellFormedStream"/> then runs).
    /// </summary>
    [ModelFact]
    public async Task Replay_ClaudeCodeFirstRequest_WellFormedStream() =>
        await ReplayAsync(body => body["max_tokens"] = 32);

    [ModelFact]
    public async Task Replay_ClaudeCodeFirstRequestUnchanged_WellFormedStream() => await ReplayAsync(null);

    private async Task ReplayAsync(Action<System.Text.Json.Nodes.JsonObject>? edit)
    {
        using var request = Recorded.ToHttp(AgentTrafficFixture.ModelId, edit);

        using var response = await fixture.Server.Http.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var events = await AnthropicSse.ReadAsync(response);
        var names = events.Select(e => e.Name).Where(n => n != "ping").ToList();
        Assert.Equal("message_start", names[0]);
        Assert.Equal(["message_delta", "message_stop"], names[^2..]);
        var blocks = names[1..^2];
        // Every block opens, takes deltas, closes, in index order, before the next one opens.
        var index = -1;
        var open = false;
        foreach (var e in events.Where(e => e.Name.StartsWith("content_block_", StringComparison.Ordinal)))
        {
            var i = e.Data.GetProperty("index").GetInt32();
            switch (e.Name)
            {
                case "content_block_start":
                    Assert.False(open);
                    Assert.Equal(++index, i);
                    open = true;
                    break;
                case "content_block_delta":
                    Assert.True(open && i == index);
                    break;
                default:
                    Assert.True(open && i == index);
                    open = false;
                    break;
            }
        }

        Assert.False(open);
        var start = events[0].Data.GetProperty("message");
        Assert.Equal(AgentTrafficFixture.ModelId, start.GetProperty("model").GetString());
        var delta = events.Single(e => e.Name == "message_delta").Data;
        // The local engine reports usage at the end: message_delta's usage is cumulative, as in Anthropic's API.
        Assert.True(PromptTokens(delta.GetProperty("usage")) > 0);
        var stopReason = delta.GetProperty("delta").GetProperty("stop_reason").GetString();
        Assert.Contains(stopReason, new[] { "end_turn", "max_tokens", "tool_use", "stop_sequence" });
        // The request samples (Claude Code sends no temperature), and random weights may end the turn at once: an answer
        // without blocks is well formed only then.
        Assert.True(blocks.Count > 0 || stopReason == "end_turn", $"no content blocks, yet stop_reason {stopReason}");
    }

    [ModelFact]
    public async Task CountTokens_ClaudeCodeFirstRequest_ExactAndEqualsTheMessagesPromptTokens()
    {
        using var count = Recorded.ToHttp(AgentTrafficFixture.ModelId, path: "/v1/messages/count_tokens?beta=true",
            edit: body => body.Remove("stream"));
        using var counted = await fixture.Server.Http.SendAsync(count);
        Assert.True(counted.StatusCode == HttpStatusCode.OK, await counted.Content.ReadAsStringAsync());
        Assert.Equal("exact", counted.Headers.GetValues("x-locus-token-count").Single());
        using var doc = JsonDocument.Parse(await counted.Content.ReadAsStringAsync());
        Assert.Equal(["input_tokens"], doc.RootElement.EnumerateObject().Select(p => p.Name));
        var tokens = doc.RootElement.GetProperty("input_tokens").GetInt32();

        using var generate = Recorded.ToHttp(AgentTrafficFixture.ModelId, body => (body["stream"], body["max_tokens"]) = (false, 1));
        using var generated = await fixture.Server.Http.SendAsync(generate);
        var text = await generated.Content.ReadAsStringAsync();
        Assert.True(generated.StatusCode == HttpStatusCode.OK, text);
        using var message = JsonDocument.Parse(text);

        // Anthropic's input_tokens leaves out prompt tokens read from the cache (an earlier replay may have warmed it).
        Assert.Equal(PromptTokens(message.RootElement.GetProperty("usage")), tokens);
        Assert.True(tokens > 500, $"{tokens} tokens for 12 tools and three system texts");
    }

    private static int PromptTokens(JsonElement usage) =>
        usage.GetProperty("input_tokens").GetInt32()
        + (usage.TryGetProperty("cache_read_input_tokens", out var read) && read.ValueKind == JsonValueKind.Number ? read.GetInt32() : 0)
        + (usage.TryGetProperty("cache_creation_input_tokens", out var made) && made.ValueKind == JsonValueKind.Number ? made.GetInt32() : 0);
}
