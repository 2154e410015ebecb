using System.Net;
using System.Text.Json;
using Locus.Server.Tests.Anthropic;
using Locus.Server.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Locus.Server.Tests.Tools;

/// <summary>/v1/messages with a backend that calls tools: tool_use blocks, streamed and not, and tool turns sent back.</summary>
public sealed class MessagesToolWireTests : IAsyncLifetime
{
    private const string Body = """
        {"model":"tool-caller","max_tokens":100,"messages":[{"role":"user","content":"weather?"}],
         "tools":[{"name":"get_weather","description":"Weather by city","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}},
                  {"name":"get_time","input_schema":{"type":"object"}}]
        """;

    private readonly ToolCallingModel _model = new();
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.StartAsync(_model);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task NonStreaming_ToolUseBlocksAfterTextWithStopReasonToolUse()
    {
        using var doc = await PostAsync(Body + "}");
        var root = doc.RootElement;

        Assert.Equal("tool_use", root.GetProperty("stop_reason").GetString());
        var blocks = root.GetProperty("content").EnumerateArray().ToList();
        Assert.Equal(["text", "tool_use", "tool_use"], blocks.Select(b => b.GetProperty("type").GetString()));
        Assert.Equal("Let me check.", blocks[0].GetProperty("text").GetString());
        Assert.Equal(["type", "id", "name", "input"], blocks[1].EnumerateObject().Select(p => p.Name));
        Assert.Equal([ToolCallingModel.CallId(0), ToolCallingModel.CallId(1)], blocks.Skip(1).Select(b => b.GetProperty("id").GetString()));
        Assert.Equal(["get_weather", "get_time"], blocks.Skip(1).Select(b => b.GetProperty("name").GetString()));
        // Anthropic sends the input as a JSON object, not as text.
        ChatToolWireTests.AssertJsonEqual(_model.ArgumentsJson(), blocks[1].GetProperty("input"));
    }

    [Fact]
    public async Task NonStreaming_BackendReportsNoFinishReason_StillToolUse()
    {
        _model.FinishWhenCalling = null;
        _model.Preamble = null;

        using var doc = await PostAsync(Body + "}");

        Assert.Equal("tool_use", doc.RootElement.GetProperty("stop_reason").GetString());
        Assert.Equal(["tool_use", "tool_use"], doc.RootElement.GetProperty("content").EnumerateArray().Select(b => b.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task Streaming_ToolUseBlocksWithInputJsonDeltas()
    {
        using var response = await _server.Http.SendAsync(Requests.Post("/v1/messages", Body + ""","stream":true}"""));
        var events = await AnthropicSse.ReadAsync(response);

        Assert.Equal(
            ["message_start", "content_block_start", "ping", "content_block_delta", "content_block_stop",
             "content_block_start", "content_block_delta", "content_block_stop",
             "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop"],
            events.Select(e => e.Name));
        Assert.Equal([0, 0, 0, 1, 1, 1, 2, 2, 2], events.Where(e => e.Name.StartsWith("content_block", StringComparison.Ordinal)).Select(e => e.Data.GetProperty("index").GetInt32()));
        Assert.Equal("Let me check.", AnthropicSse.Text(events));
        var start = events[5].Data.GetProperty("content_block");
        Assert.Equal($$$"""{"type":"tool_use","id":"{{{ToolCallingModel.CallId(0)}}}","name":"get_weather","input":{}}""", start.GetRawText());
        var delta = events[6].Data.GetProperty("delta");
        Assert.Equal("input_json_delta", delta.GetProperty("type").GetString());
        ChatToolWireTests.AssertJsonEqual(_model.ArgumentsJson(), JsonDocument.Parse(delta.GetProperty("partial_json").GetString()!).RootElement);
        Assert.Equal("tool_use", events[^2].Data.GetProperty("delta").GetProperty("stop_reason").GetString());
        Assert.Equal(11, events[^2].Data.GetProperty("usage").GetProperty("input_tokens").GetInt32());
    }

    [Fact]
    public async Task Streaming_OnlyToolCalls_NoEmptyTextBlock()
    {
        _model.Preamble = null;

        using var response = await _server.Http.SendAsync(Requests.Post("/v1/messages", Body + ""","stream":true}"""));
        var events = await AnthropicSse.ReadAsync(response);

        var starts = events.Where(e => e.Name == "content_block_start").Select(e => e.Data.GetProperty("content_block").GetProperty("type").GetString());
        Assert.Equal(["tool_use", "tool_use"], starts);
        Assert.Equal(["message_start", "content_block_start", "ping"], events.Take(3).Select(e => e.Name));
    }

    [Fact]
    public async Task Request_ToolsChoiceAndToolTurns_ReachTheBackend()
    {
        using var doc = await PostAsync("""
            {"model":"tool-caller","max_tokens":100,
             "tools":[{"name":"get_weather","description":"Weather by city","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}],
             "tool_choice":{"type":"tool","name":"get_weather","disable_parallel_tool_use":true},
             "messages":[{"role":"user","content":"weather in Paris?"},
                         {"role":"assistant","content":[{"type":"text","text":"Checking."},{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}]},
                         {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"18 C","is_error":true},{"type":"text","text":"And tomorrow?"}]}]}
            """);

        var options = _model.LastOptions!;
        var tool = Assert.IsAssignableFrom<AIFunctionDeclaration>(Assert.Single(options.Tools!));
        Assert.Equal(("get_weather", "Weather by city"), (tool.Name, tool.Description));
        Assert.Equal("string", tool.JsonSchema.GetProperty("properties").GetProperty("city").GetProperty("type").GetString());
        Assert.Equal("get_weather", Assert.IsType<RequiredChatToolMode>(options.ToolMode).RequiredFunctionName);
        Assert.False(options.AllowMultipleToolCalls);

        var messages = _model.LastMessages!;
        Assert.Equal([ChatRole.User, ChatRole.Assistant, ChatRole.Tool, ChatRole.User], messages.Select(m => m.Role));
        var call = Assert.IsType<FunctionCallContent>(messages[1].Contents[1]);
        Assert.Equal(("toolu_1", "get_weather"), (call.CallId, call.Name));
        Assert.Equal("Paris", ((JsonElement)call.Arguments!["city"]!).GetString());
        var result = Assert.IsType<FunctionResultContent>(Assert.Single(messages[2].Contents));
        Assert.Equal(("toolu_1", "18 C"), (result.CallId, result.Result as string));
        Assert.Equal(true, result.AdditionalProperties?["is_error"]);
        Assert.Equal("And tomorrow?", messages[3].Text);
    }

    [Fact]
    public async Task ToolChoiceNone_NoToolUse_EndTurn()
    {
        using var doc = await PostAsync(Body + ""","tool_choice":{"type":"none"}}""");

        Assert.IsType<NoneChatToolMode>(_model.LastOptions!.ToolMode);
        Assert.Equal("end_turn", doc.RootElement.GetProperty("stop_reason").GetString());
    }

    private async Task<JsonDocument> PostAsync(string json)
    {
        using var response = await _server.Http.SendAsync(Requests.Post("/v1/messages", json));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body);
    }
}
