using System.Net;
using System.Text.Json;
using Locus.Core.Abstractions;
using Locus.Server.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Locus.Server.Tests.Anthropic;

/// <summary>
/// What Claude Code sends beyond the plain Messages API, against a scripted local model: the beta query and headers,
/// cache_control everywhere, system entries inside messages, Anthropic-only fields (accepted, not used locally),
/// count_tokens, and the model list in Anthropic's shape.
/// </summary>
public sealed class ClaudeCodeCompatibilityTests : IAsyncLifetime
{
    private const string Ephemeral = "\"cache_control\":{\"type\":\"ephemeral\"}";
    private readonly ScriptedCatalog _model = new();
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.StartAsync(_model, time: new FixedTime());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static HttpRequestMessage Anthropic(string path, string json)
    {
        var request = Requests.Post(path, json);
        request.Headers.Add("anthropic-version", "2023-06-01");
        request.Headers.Add("anthropic-beta", "claude-code-20250219,context-management-2025-06-27");
        return request;
    }

    [Fact]
    public async Task Messages_SystemEntriesInMessages_FoldedIntoSystemPromptInOrder()
    {
        _model.Script(ChatFinishReason.Stop, 3, "ok");
        var json = """
            {"model":"scripted","max_tokens":8,"system":[{"type":"text","text":"S1"},{"type":"text","text":"S2"}],
             "messages":[{"role":"user","content":"hi"},{"role":"system","content":[{"type":"text","text":"S3"}],"output_config":{"effort":"low"}},
                         {"role":"assistant","content":"hello"},{"role":"system","content":"S4"},{"role":"user","content":"again"}]}
            """;

        using var response = await _server.Http.SendAsync(Anthropic("/v1/messages", json));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var messages = _model.LastMessages!;
        Assert.Equal([ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.User], messages.Select(m => m.Role));
        Assert.Equal(["S1", "S2", "S3", "S4"], messages[0].Contents.OfType<TextContent>().Select(t => t.Text));
        Assert.Equal(["hi", "hello", "again"], messages.Skip(1).Select(m => m.Text));
    }

    [Fact]
    public async Task Messages_BetaQueryCacheControlAndClaudeCodeFields_Accepted()
    {
        _model.Script(ChatFinishReason.Stop, 3, "ok");
        var json = $$$"""
            {"model":"scripted","max_tokens":64000,"stream":true,
             "system":[{"type":"text","text":"a"},{"type":"text","text":"b",{{{Ephemeral}}}}],
             "messages":[{"role":"user","content":[{"type":"text","text":"hi",{{{Ephemeral}}}}]},
                         {"role":"system","content":[{"type":"text","text":"reminder",{{{Ephemeral}}}}]}],
             "tools":[{"name":"Read","description":"d","input_schema":{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","properties":{"p":{"type":"string"}},"required":["p"],"additionalProperties":false},{{{Ephemeral}}}},
                      {"name":"Later","description":"d","input_schema":{"type":"object","properties":{}},"defer_loading":true}],
             "metadata":{"user_id":"{\"device_id\":\"0\"}"},"thinking":{"type":"adaptive","display":"omitted"},
             "context_management":{"edits":[{"type":"clear_thinking_20251015","keep":"all"}]},"output_config":{"effort":"medium"}}
            """;

        using var response = await _server.Http.SendAsync(Anthropic("/v1/messages?beta=true", json));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("message_stop", (await AnthropicSse.ReadAsync(response))[^1].Name);
        var options = _model.LastOptions!;
        Assert.Equal(["Read", "Later"], options.Tools!.Select(t => t.Name));
        var fields = Assert.IsAssignableFrom<IReadOnlyDictionary<string, JsonElement>>(options.AdditionalProperties![LocusChatOptions.AnthropicFields]);
        Assert.Equal(["context_management", "metadata", "output_config", "thinking"], fields.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("""{"type":"adaptive","display":"omitted"}""", fields["thinking"].GetRawText());
        Assert.Equal("claude-code-20250219,context-management-2025-06-27", options.AdditionalProperties[LocusChatOptions.AnthropicBeta]);
    }

    [Fact]
    public async Task Messages_ThinkingBlocksInAssistantHistory_Dropped()
    {
        _model.Script(ChatFinishReason.Stop, 3, "ok");
        var json = """
            {"model":"scripted","max_tokens":8,"messages":[{"role":"user","content":"hi"},
              {"role":"assistant","content":[{"type":"thinking","thinking":"","signature":"sig"},{"type":"redacted_thinking","data":"x"},{"type":"text","text":"hello"}]},
              {"role":"user","content":"again"}]}
            """;

        using var response = await _server.Http.SendAsync(Anthropic("/v1/messages", json));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal(["hello"], _model.LastMessages![1].Contents.Select(c => Assert.IsType<TextContent>(c).Text));
    }

    [Fact]
    public async Task CountTokens_ModelWithoutCounter_EstimateGrowsWithPromptAndTools()
    {
        const string Tool = """{"name":"Read","description":"Reads a file from the local disk.","input_schema":{"type":"object","properties":{"path":{"type":"string"}}}}""";
        async Task<(int Tokens, string Method)> CountAsync(string extra)
        {
            using var response = await _server.Http.SendAsync(Anthropic("/v1/messages/count_tokens?beta=true",
                $$"""{"model":"scripted","messages":[{"role":"user","content":"hello there"}]{{extra}}}"""));
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, body);
            using var doc = JsonDocument.Parse(body);
            Assert.Equal(["input_tokens"], doc.RootElement.EnumerateObject().Select(p => p.Name));
            return (doc.RootElement.GetProperty("input_tokens").GetInt32(), response.Headers.GetValues("x-locus-token-count").Single());
        }

        var plain = await CountAsync("");
        var withSystem = await CountAsync($$""","system":"{{new string('x', 400)}}" """);
        var withTool = await CountAsync($$""","tools":[{{Tool}}]""");

        Assert.Equal("estimate", plain.Method);
        // "hello there" (11 chars) is 3 tokens at 4 chars each, plus 4 for the message's framing.
        Assert.Equal(7, plain.Tokens);
        Assert.Equal(plain.Tokens + 4 + 100, withSystem.Tokens);
        Assert.True(withTool.Tokens > plain.Tokens + 15, $"{withTool.Tokens}");
        Assert.Null(_model.LastMessages);
    }

    [Fact]
    public async Task Models_WithAnthropicVersion_AnthropicShape()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Add("anthropic-version", "2023-06-01");
        using var response = await _server.Http.SendAsync(request);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("""{"data":[{"type":"model","id":"scripted","display_name":"scripted","created_at":"2023-11-14T22:13:20Z"}],"has_more":false,"first_id":"scripted","last_id":"scripted"}""",
            doc.RootElement.GetRawText());

        using var one = new HttpRequestMessage(HttpMethod.Get, "/v1/models/scripted");
        one.Headers.Add("anthropic-version", "2023-06-01");
        using var single = await _server.Http.SendAsync(one);
        Assert.Equal("""{"type":"model","id":"scripted","display_name":"scripted","created_at":"2023-11-14T22:13:20Z"}""", await single.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Models_WithoutAnthropicVersion_StaysOpenAIShape()
    {
        using var doc = JsonDocument.Parse(await _server.Http.GetStringAsync("/v1/models"));

        Assert.Equal("list", doc.RootElement.GetProperty("object").GetString());
        Assert.Equal("model", doc.RootElement.GetProperty("data")[0].GetProperty("object").GetString());
    }

    [Fact]
    public async Task Model_UnknownWithAnthropicVersion_AnthropicNotFoundError()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models/claude-nope");
        request.Headers.Add("anthropic-version", "2023-06-01");

        using var response = await _server.Http.SendAsync(request);

        var error = await AnthropicError.AssertAsync(response, HttpStatusCode.NotFound, "not_found_error");
        Assert.Contains("claude-nope", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
