using System.Net;
using System.Text.Json;
using Locus.Server.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Locus.Server.Tests.Tools;

/// <summary>/v1/chat/completions with a backend that calls tools: what the client gets, streamed and not.</summary>
public sealed class ChatToolWireTests : IAsyncLifetime
{
    private const string Body = """
        {"model":"tool-caller","messages":[{"role":"user","content":"weather?"}],
         "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather by city","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}},
                  {"type":"function","function":{"name":"get_time"}}]
        """;

    private readonly ToolCallingModel _model = new();
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.StartAsync(_model, time: new FixedTime());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task NonStreaming_ToolCalls_InMessageWithFinishToolCalls()
    {
        using var response = await _server.Http.SendAsync(Requests.Post("/v1/chat/completions", Body + "}"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var doc = JsonDocument.Parse(body);
        var choice = doc.RootElement.GetProperty("choices")[0];
        Assert.Equal("tool_calls", choice.GetProperty("finish_reason").GetString());
        var message = choice.GetProperty("message");
        Assert.Equal("Let me check.", message.GetProperty("content").GetString());
        var calls = message.GetProperty("tool_calls").EnumerateArray().ToList();
        Assert.Equal(["get_weather", "get_time"], calls.Select(c => c.GetProperty("function").GetProperty("name").GetString()));
        Assert.Equal([ToolCallingModel.CallId(0), ToolCallingModel.CallId(1)], calls.Select(c => c.GetProperty("id").GetString()));
        Assert.All(calls, c => Assert.Equal(["id", "type", "function"], c.EnumerateObject().Select(p => p.Name)));
        Assert.All(calls, c => Assert.Equal("function", c.GetProperty("type").GetString()));
        // OpenAI sends arguments as JSON text.
        var arguments = calls[0].GetProperty("function").GetProperty("arguments").GetString()!;
        AssertJsonEqual(_model.ArgumentsJson(), JsonDocument.Parse(arguments).RootElement);
    }

    [Fact]
    public async Task NonStreaming_OnlyToolCalls_ContentIsNull()
    {
        _model.Preamble = null;
        _model.FinishWhenCalling = null; // the backend does not say; the calls themselves make it "tool_calls"

        using var response = await _server.Http.SendAsync(Requests.Post("/v1/chat/completions", Body + "}"));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var choice = doc.RootElement.GetProperty("choices")[0];
        Assert.Equal(JsonValueKind.Null, choice.GetProperty("message").GetProperty("content").ValueKind);
        Assert.Equal(2, choice.GetProperty("message").GetProperty("tool_calls").GetArrayLength());
        Assert.Equal("tool_calls", choice.GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task NonStreaming_NoToolCalls_HasNoToolCallsMember()
    {
        using var response = await _server.Http.SendAsync(Requests.Post("/v1/chat/completions",
            """{"model":"tool-caller","messages":[{"role":"user","content":"hi"}]}"""));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var choice = doc.RootElement.GetProperty("choices")[0];
        Assert.False(choice.GetProperty("message").TryGetProperty("tool_calls", out _));
        Assert.Equal("No tools today.", choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Streaming_ToolCalls_AsIndexedDeltasAfterTextThenFinishToolCalls()
    {
        using var response = await _server.Http.SendAsync(Requests.Post("/v1/chat/completions", Body + ""","stream":true}"""));
        var events = await SseEvents.ReadAsync(response);
        var chunks = SseEvents.Json(events);

        Assert.Equal(SseEvents.Done, events[^1]);
        var deltas = chunks.Select(c => c.GetProperty("choices")[0].GetProperty("delta")).ToList();
        Assert.Equal("""{"role":"assistant","content":""}""", deltas[0].GetRawText());
        Assert.Equal("Let me check.", deltas[1].GetProperty("content").GetString());
        var calls = deltas.Where(d => d.TryGetProperty("tool_calls", out _)).Select(d => d.GetProperty("tool_calls").EnumerateArray().Single()).ToList();
        Assert.Equal([0, 1], calls.Select(c => c.GetProperty("index").GetInt32()));
        Assert.Equal(["index", "id", "type", "function"], calls[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["get_weather", "get_time"], calls.Select(c => c.GetProperty("function").GetProperty("name").GetString()));
        AssertJsonEqual(_model.ArgumentsJson(), JsonDocument.Parse(calls[1].GetProperty("function").GetProperty("arguments").GetString()!).RootElement);
        Assert.Equal("{}", deltas[^1].GetRawText());
        Assert.Equal("tool_calls", chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(5, chunks.Count); // role, text, two calls, finish
    }

    [Fact]
    public async Task ToolChoiceNone_BackendCallsNothing_FinishStop()
    {
        using var response = await _server.Http.SendAsync(Requests.Post("/v1/chat/completions", Body + ""","tool_choice":"none"}"""));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.IsType<NoneChatToolMode>(_model.LastOptions!.ToolMode);
        Assert.Equal("stop", doc.RootElement.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    internal static void AssertJsonEqual(JsonElement expected, JsonElement actual) =>
        Assert.True(JsonElement.DeepEquals(expected, actual), $"expected {expected.GetRawText()}, got {actual.GetRawText()}");
}
