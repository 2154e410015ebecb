using System.Text.Json;
using Locus.Server.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Locus.Server.Tests.Anthropic;

/// <summary>
/// The exact shapes Anthropic clients parse from /v1/messages, checked against a scripted model so every byte is
/// predictable. The same shapes from the real engine are covered in <see cref="MessagesEndToEndTests"/>.
/// </summary>
public sealed class MessagesWireTests : IAsyncLifetime
{
    private const string Body = """{"model":"scripted","max_tokens":64,"messages":[{"role":"user","content":"hi"}]""";
    private readonly ScriptedCatalog _model = new();
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.StartAsync(_model, time: new FixedTime());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task NonStreaming_MatchesAnthropicShape()
    {
        _model.Script(ChatFinishReason.Length, 7, "Hello", " world");

        using var response = await _server.Http.SendAsync(Requests.Post("/v1/messages", Body + "}"));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = doc.RootElement;

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["id", "type", "role", "model", "content", "stop_reason", "stop_sequence", "usage"], Names(root));
        Assert.StartsWith("msg_", root.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("message", root.GetProperty("type").GetString());
        Assert.Equal("assistant", root.GetProperty("role").GetString());
        Assert.Equal("scripted", root.GetProperty("model").GetString());
        Assert.Equal("""[{"type":"text","text":"Hello world"}]""", root.GetProperty("content").GetRawText());
        Assert.Equal("max_tokens", root.GetProperty("stop_reason").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("stop_sequence").ValueKind);
        Assert.Equal("""{"input_tokens":7,"output_tokens":2}""", root.GetProperty("usage").GetRawText());
    }

    [Fact]
    public async Task Streaming_SendsAnthropicEventSequence()
    {
        _model.Script(ChatFinishReason.Stop, 5, "Hel", "lo");

        using var response = await _server.Http.SendAsync(Requests.Post("/v1/messages", Body + ""","stream":true}"""));
        var events = await AnthropicSse.ReadAsync(response);

        Assert.Equal(["message_start", "content_block_start", "ping", "content_block_delta", "content_block_stop", "message_delta", "message_stop"],
            events.Select(e => e.Name));
        var message = events[0].Data.GetProperty("message");
        Assert.Equal(["id", "type", "role", "model", "content", "stop_reason", "stop_sequence", "usage"], Names(message));
        Assert.StartsWith("msg_", message.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("[]", message.GetProperty("content").GetRawText());
        Assert.Equal(JsonValueKind.Null, message.GetProperty("stop_reason").ValueKind);
        Assert.Equal("""{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}""", events[1].Data.GetRawText());
        Assert.Equal("""{"type":"ping"}""", events[2].Data.GetRawText());
        // The scripted model hands over both texts at once; updates that are ready together go out as one delta.
        Assert.Equal("""{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}""", events[3].Data.GetRawText());
        Assert.Equal("""{"type":"content_block_stop","index":0}""", events[4].Data.GetRawText());
        Assert.Equal("""{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":5,"output_tokens":2}}""",
            events[5].Data.GetRawText());
        Assert.Equal("""{"type":"message_stop"}""", events[6].Data.GetRawText());
    }

    [Fact]
    public async Task Streaming_BackendReportsInputTokensEarly_MessageStartCarriesThem()
    {
        // A cloud backend knows the prompt's size before the first token; the local engine only at the end.
        _model.Updates.Add(new ChatResponseUpdate(ChatRole.Assistant, [new TextContent("Hi"), new UsageContent(new UsageDetails { InputTokenCount = 42 })]));
        _model.Updates.Add(new ChatResponseUpdate { FinishReason = ChatFinishReason.Stop });

        using var response = await _server.Http.SendAsync(Requests.Post("/v1/messages", Body + ""","stream":true}"""));
        var events = await AnthropicSse.ReadAsync(response);

        Assert.Equal(42, events[0].Data.GetProperty("message").GetProperty("usage").GetProperty("input_tokens").GetInt32());
        Assert.Equal(0, events[0].Data.GetProperty("message").GetProperty("usage").GetProperty("output_tokens").GetInt32());
    }

    [Fact]
    public async Task Streaming_NoOutput_StillPingsAndStops()
    {
        _model.Script(ChatFinishReason.Stop, 3);

        using var response = await _server.Http.SendAsync(Requests.Post("/v1/messages", Body + ""","stream":true}"""));
        var events = await AnthropicSse.ReadAsync(response);

        Assert.Equal(["message_start", "ping", "message_delta", "message_stop"], events.Select(e => e.Name));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task BackendReportsStopSequence_StopReasonStopSequence(bool stream)
    {
        _model.Script(ChatFinishReason.Stop, 3, "The end");
        _model.Updates[^1].AdditionalProperties = new() { ["stop_sequence"] = "###" };

        using var response = await _server.Http.SendAsync(Requests.Post("/v1/messages",
            Body + $$""","stop_sequences":["###"],"stream":{{(stream ? "true" : "false")}}}"""));
        var body = await response.Content.ReadAsStringAsync();
        var end = stream
            ? AnthropicSse.Parse(body).Single(e => e.Name == "message_delta").Data.GetProperty("delta")
            : JsonDocument.Parse(body).RootElement;

        Assert.Equal("stop_sequence", end.GetProperty("stop_reason").GetString());
        Assert.Equal("###", end.GetProperty("stop_sequence").GetString());
        Assert.Equal(["###"], _model.LastOptions!.StopSequences!);
    }

    [Fact]
    public async Task Request_MapsSystemMessagesAndSamplingOntoTheModel()
    {
        _model.Script(ChatFinishReason.Stop, 3, "ok");
        using var request = Requests.Post("/v1/messages", """
            {"model":"scripted","max_tokens":99,"system":[{"type":"text","text":"Be brief."},{"type":"text","text":" Be kind."}],
             "messages":[{"role":"user","content":"hi"},{"role":"assistant","content":[{"type":"text","text":"hello"}]},{"role":"user","content":"again"}],
             "temperature":0.25,"top_p":0.9,"top_k":40,"stop_sequences":["\n\nHuman:","END"],"metadata":{"user_id":"u-1"},"seed":7}
            """);
        request.Headers.Add("anthropic-version", "2023-06-01");
        request.Headers.Add("anthropic-beta", "tools-2024-04-04");

        using var response = await _server.Http.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.User], _model.LastMessages!.Select(m => m.Role));
        Assert.Equal(["Be brief. Be kind.", "hi", "hello", "again"], _model.LastMessages!.Select(m => m.Text));
        var o = _model.LastOptions!;
        Assert.Equal("scripted", o.ModelId);
        Assert.Equal(99, o.MaxOutputTokens);
        Assert.Equal(0.25f, o.Temperature);
        Assert.Equal(0.9f, o.TopP);
        Assert.Equal(40, o.TopK);
        Assert.Equal(7L, o.Seed);
        Assert.Equal(["\n\nHuman:", "END"], o.StopSequences!);
        Assert.Null(o.Tools);
    }

    private static List<string> Names(JsonElement e) => [.. e.EnumerateObject().Select(p => p.Name)];
}
