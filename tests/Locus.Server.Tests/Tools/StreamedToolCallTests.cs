using System.Text.Json;
using Locus.Core.Abstractions;
using Locus.Server.Tests.Anthropic;
using Locus.Server.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Locus.Server.Tests.Tools;

/// <summary>
/// A backend that streams tool calls as <see cref="ToolCallDeltaContent"/> pieces (two calls interleaved, text before
/// and between): the exact SSE events of both APIs, and the whole calls it sends at the end not written twice.
/// </summary>
public sealed class StreamedToolCallTests : IAsyncLifetime
{
    private const string ChatBody = """{"model":"scripted","messages":[{"role":"user","content":"weather?"}],"stream":true}""";
    private const string MessagesBody = """{"model":"scripted","max_tokens":50,"messages":[{"role":"user","content":"weather?"}],"stream":true}""";

    private readonly ScriptedCatalog _model = new();
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.StartAsync(_model);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>Text, call 0 opening and a piece, call 1 opening, call 0's last piece, call 1's arguments, more text, then both calls whole.</summary>
    private void ScriptInterleaved(bool sendWholeCalls = true)
    {
        Say(new TextContent("Let me check. "));
        Say(new ToolCallDeltaContent(0) { CallId = "call_a", Name = "get_weather" });
        Say(new ToolCallDeltaContent(0) { ArgumentsDelta = """{"city":""" });
        Say(new ToolCallDeltaContent(1) { CallId = "call_b", Name = "get_time" });
        Say(new ToolCallDeltaContent(0) { ArgumentsDelta = "\"Oslo\"}" });
        Say(new ToolCallDeltaContent(1) { ArgumentsDelta = """{"tz":"CET"}""" });
        Say(new TextContent("Done."));
        if (sendWholeCalls)
        {
            Say(Call("call_a", "get_weather", """{"city":"Oslo"}"""));
            Say(Call("call_b", "get_time", """{"tz":"CET"}"""));
        }

        _model.Updates.Add(new ChatResponseUpdate { Role = ChatRole.Assistant, FinishReason = ChatFinishReason.ToolCalls });
    }

    [Fact]
    public async Task Chat_InterleavedDeltas_OpenThenPiecesPerIndex_WholeCallsNotRepeated()
    {
        ScriptInterleaved();

        var chunks = await ChatChunksAsync();

        Assert.Equal(
        [
            """{"role":"assistant","content":""}|""",
            """{"content":"Let me check. "}|""",
            """{"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"get_weather","arguments":""}}]}|""",
            """{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":"}}]}|""",
            """{"tool_calls":[{"index":1,"id":"call_b","type":"function","function":{"name":"get_time","arguments":""}}]}|""",
            """{"tool_calls":[{"index":0,"function":{"arguments":"\"Oslo\"}"}}]}|""",
            """{"tool_calls":[{"index":1,"function":{"arguments":"{\"tz\":\"CET\"}"}}]}|""",
            """{"content":"Done."}|""",
            """{}|tool_calls""",
        ], chunks);
    }

    [Fact]
    public async Task Messages_InterleavedDeltas_OneBlockAtATime_InOrderTheyCanGo()
    {
        ScriptInterleaved();

        var events = await MessagesEventsAsync();

        Assert.Equal(
        [
            "message_start",
            """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}""",
            "ping",
            """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Let me check. "}}""",
            """{"type":"content_block_stop","index":0}""",
            """{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"call_a","name":"get_weather","input":{}}}""",
            """{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"city\":"}}""",
            """{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"\"Oslo\"}"}}""",
            """{"type":"content_block_stop","index":1}""",
            """{"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"call_b","name":"get_time","input":{}}}""",
            """{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\"tz\":\"CET\"}"}}""",
            """{"type":"content_block_stop","index":2}""",
            """{"type":"content_block_start","index":3,"content_block":{"type":"text","text":""}}""",
            """{"type":"content_block_delta","index":3,"delta":{"type":"text_delta","text":"Done."}}""",
            """{"type":"content_block_stop","index":3}""",
            "message_delta tool_use",
            "message_stop",
        ], events);
    }

    [Fact]
    public async Task Messages_StreamEndsWithoutWholeCalls_BlocksStillClosedInOrder()
    {
        ScriptInterleaved(sendWholeCalls: false);

        var events = await MessagesEventsAsync();

        Assert.Equal(
            ["message_start", "start 0 text", "ping", "stop 0", "start 1 tool_use", "stop 1", "start 2 tool_use", "stop 2", "start 3 text", "stop 3", "message_delta tool_use", "message_stop"],
            events.Where(e => !e.Contains("content_block_delta", StringComparison.Ordinal)).Select(Short));
    }

    [Fact]
    public async Task Chat_WholeCallWithoutPieces_StillOneDelta_AfterAStreamedOne()
    {
        Say(new ToolCallDeltaContent(0) { CallId = "call_a", Name = "get_weather", ArgumentsDelta = """{"city":"Oslo"}""" });
        Say(Call("call_a", "get_weather", """{"city":"Oslo"}"""));
        Say(Call("call_z", "get_time", """{ "tz" : "UTC" }"""));
        _model.Updates.Add(new ChatResponseUpdate { Role = ChatRole.Assistant });

        var chunks = await ChatChunksAsync();

        Assert.Equal(
        [
            """{"role":"assistant","content":""}|""",
            """{"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"get_weather","arguments":""}}]}|""",
            """{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":\"Oslo\"}"}}]}|""",
            // A whole call goes out in one delta, its arguments' text as the backend produced it.
            """{"tool_calls":[{"index":1,"id":"call_z","type":"function","function":{"name":"get_time","arguments":"{ \"tz\" : \"UTC\" }"}}]}|""",
            """{}|tool_calls""",
        ], chunks);
    }

    [Fact]
    public async Task Chat_PiecesWithoutCallId_GetOneIdAndTheWholeCallIsMatchedByName()
    {
        Say(new ToolCallDeltaContent(0) { Name = "get_weather" });
        Say(new ToolCallDeltaContent(0) { ArgumentsDelta = "{}" });
        Say(new FunctionCallContent("", "get_weather", new Dictionary<string, object?>()));
        _model.Updates.Add(new ChatResponseUpdate { Role = ChatRole.Assistant, FinishReason = ChatFinishReason.Stop });

        var chunks = await ChatChunksAsync();

        Assert.Equal(4, chunks.Count);
        Assert.StartsWith("""{"tool_calls":[{"index":0,"id":"call_""", chunks[1], StringComparison.Ordinal);
        Assert.Equal("""{"tool_calls":[{"index":0,"function":{"arguments":"{}"}}]}|""", chunks[2]);
        Assert.Equal("{}|tool_calls", chunks[3]);
    }

    [Fact]
    public async Task NonStreaming_CallsCarryTheirArgumentsTextAsProduced()
    {
        ScriptInterleaved();
        // The backend's own text, spaced and ordered its way: a re-serialization would change it.
        _model.Updates.Add(new ChatResponseUpdate(ChatRole.Assistant, [Call("call_c", "get_weather", """{"zone": 2, "city":"Oslo","n":1.50}""")]));

        using var chat = await _server.Http.SendAsync(Requests.Post("/v1/chat/completions", ChatBody.Replace("\"stream\":true", "\"stream\":false", StringComparison.Ordinal)));
        using var messages = await _server.Http.SendAsync(Requests.Post("/v1/messages", MessagesBody.Replace("\"stream\":true", "\"stream\":false", StringComparison.Ordinal)));
        using var chatDoc = JsonDocument.Parse(await chat.Content.ReadAsStringAsync());
        using var messagesDoc = JsonDocument.Parse(await messages.Content.ReadAsStringAsync());

        var calls = chatDoc.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("tool_calls").EnumerateArray().ToList();
        Assert.Equal(["call_a", "call_b", "call_c"], calls.Select(c => c.GetProperty("id").GetString()));
        Assert.Equal(["""{"city":"Oslo"}""", """{"tz":"CET"}""", """{"zone": 2, "city":"Oslo","n":1.50}"""],
            calls.Select(c => c.GetProperty("function").GetProperty("arguments").GetString()));
        var inputs = messagesDoc.RootElement.GetProperty("content").EnumerateArray().Where(b => b.GetProperty("type").GetString() == "tool_use").ToList();
        Assert.Equal("""{"zone":2,"city":"Oslo","n":1.50}""", JsonSerializer.Serialize(inputs[2].GetProperty("input")));
    }

    private static FunctionCallContent Call(string id, string name, string json) =>
        Locus.Wire.ToolArguments.ToCall(id, name, json);

    private static string Short(string e)
    {
        if (!e.StartsWith('{'))
        {
            return e;
        }

        using var doc = JsonDocument.Parse(e);
        var root = doc.RootElement;
        var index = root.GetProperty("index").GetInt32();
        return root.GetProperty("type").GetString() switch
        {
            "content_block_start" => $"start {index} {root.GetProperty("content_block").GetProperty("type").GetString()}",
            "content_block_stop" => $"stop {index}",
            var other => other!,
        };
    }

    private void Say(AIContent content) => _model.Updates.Add(new ChatResponseUpdate(ChatRole.Assistant, [content]));

    /// <summary>Each chunk as its delta's JSON and finish reason: "delta|finish".</summary>
    private async Task<List<string>> ChatChunksAsync()
    {
        using var response = await _server.Http.SendAsync(Requests.Post("/v1/chat/completions", ChatBody));
        var chunks = SseEvents.Json(await SseEvents.ReadAsync(response));
        return [.. chunks.Select(c => c.GetProperty("choices")[0]).Select(c => c.GetProperty("delta").GetRawText() + "|" + c.GetProperty("finish_reason").GetString())];
    }

    /// <summary>Each event as its data's JSON, but message_start (meta that varies) by name and message_delta by stop reason.</summary>
    private async Task<List<string>> MessagesEventsAsync()
    {
        using var response = await _server.Http.SendAsync(Requests.Post("/v1/messages", MessagesBody));
        var events = await AnthropicSse.ReadAsync(response);
        return [.. events.Select(e => e.Name switch
        {
            "message_start" or "ping" or "message_stop" => e.Name,
            "message_delta" => "message_delta " + e.Data.GetProperty("delta").GetProperty("stop_reason").GetString(),
            _ => e.Data.GetRawText(),
        })];
    }
}
