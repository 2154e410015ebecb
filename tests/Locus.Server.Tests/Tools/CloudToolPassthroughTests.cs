using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using System.Text.Json;
using Locus.Core.Configuration;
using Locus.Node;
using Locus.Server.Tests.Anthropic;
using Locus.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using OpenAI;
using OpenAI.Chat;

namespace Locus.Server.Tests.Tools;

/// <summary>
/// A node whose targets are an OpenAI-compatible and an Anthropic upstream (the recording loopback server): tools,
/// tool choices and structured output reach each as the client sent them, and tool calls come back with the
/// upstream's exact arguments text, whole or streamed in several pieces.
/// </summary>
public sealed class CloudToolPassthroughTests : IAsyncLifetime
{
    /// <summary>Odd spacing, key order and a 1.50: any re-serialization on the way would show.</summary>
    private const string Arguments = """{"unit":"c", "city":"Oslo","days":1.50}""";

    private const string Schema = """{"type":"object","properties":{"z":{"type":"string","description":"caf\u00e9"},"a":{"type":"number"}},"required":["z","a"],"additionalProperties":false}""";

    private const string Tools = """
        "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather by city","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]},"strict":true}},
                 {"type":"function","function":{"name":"get_time","parameters":{"type":"object","properties":{}}}}],
        "tool_choice":{"type":"function","function":{"name":"get_weather"}},"parallel_tool_calls":false
        """;

    // Pieces the server finds already waiting are merged into one event (as text is), so the upstream paces its chunks.
    private UpstreamServer _upstream = null!;
    private LocusNode _node = null!;
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private string _dir = null!;

    public async Task InitializeAsync()
    {
        _upstream = await UpstreamServer.StartAsync(new UpstreamBehavior { ToolCall = new("call_up1", "get_weather", Arguments), ChunkChars = 6, ChunkDelay = TimeSpan.FromMilliseconds(80) });
        _dir = Directory.CreateTempSubdirectory("locus-cloud-tools-").FullName;
        var file = Path.Combine(_dir, "locus.yaml");
        File.WriteAllText(file, $"""
            targets:
              - name: cloud
                kind: openai
                base_url: {_upstream.BaseUrl}
                model: frontier
                max_retries: 0
              - name: claude
                kind: anthropic
                base_url: {_upstream.BaseUrl}
                model: claude-test
                max_retries: 0
            routing:
              cloud: [cloud]
            ledger:
              enabled: false
            """);
        _node = await LocusNode.StartAsync(new NodeSettings { Config = NodeConfigFiles.Read(file, new LocusOptions()) });
        _app = LocusServer.Build(new ServerOptions { Port = 0 }, _node);
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()), Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _node.DisposeAsync();
        await _upstream.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Chat_ToOpenAIUpstream_ToolsChoiceAndResponseFormatArriveAsSent()
    {
        using var response = await PostChatAsync("cloud", stream: false, $$$"""
            ,{{{Tools}}},"response_format":{"type":"json_schema","json_schema":{"name":"weather-v1","description":"A forecast","schema":{{{Schema}}},"strict":true}}
            """);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        using var sent = JsonDocument.Parse(_upstream.Requests[^1].Body);
        var body = sent.RootElement;
        var tools = body.GetProperty("tools").EnumerateArray().ToList();
        Assert.Equal(
            """{"type":"function","function":{"name":"get_weather","description":"Weather by city","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]},"strict":true}}""",
            tools[0].GetRawText());
        Assert.Equal("""{"type":"function","function":{"name":"get_time","parameters":{"type":"object","properties":{}}}}""", tools[1].GetRawText());
        Assert.Equal("""{"type":"function","function":{"name":"get_weather"}}""", body.GetProperty("tool_choice").GetRawText());
        Assert.False(body.GetProperty("parallel_tool_calls").GetBoolean());
        // The schema's own bytes, its \u escape included.
        Assert.Equal(
            $$$"""{"type":"json_schema","json_schema":{"name":"weather-v1","description":"A forecast","schema":{{{Schema}}},"strict":true}}""",
            body.GetProperty("response_format").GetRawText());
    }

    [Fact]
    public async Task Chat_ToAnthropicUpstream_ToolsTranslatedWithStrictAndOutputFormat()
    {
        using var response = await PostChatAsync("claude", stream: false, $$$"""
            ,{{{Tools}}},"response_format":{"type":"json_schema","json_schema":{"name":"weather-v1","schema":{{{Schema}}}}}
            """);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        using var sent = JsonDocument.Parse(_upstream.Requests[^1].Body);
        var body = sent.RootElement;
        var tools = body.GetProperty("tools").EnumerateArray().ToList();
        Assert.Equal(
            """{"name":"get_weather","description":"Weather by city","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]},"strict":true}""",
            tools[0].GetRawText());
        Assert.Equal("""{"name":"get_time","input_schema":{"type":"object","properties":{}}}""", tools[1].GetRawText());
        Assert.Equal("""{"type":"tool","name":"get_weather","disable_parallel_tool_use":true}""", body.GetProperty("tool_choice").GetRawText());
        Assert.Equal($$$"""{"format":{"type":"json_schema","schema":{{{Schema}}}}}""", body.GetProperty("output_config").GetRawText());
    }

    [Theory]
    [InlineData("cloud")]
    [InlineData("claude")]
    public async Task Chat_NonStreaming_ArgumentsAreTheUpstreamsText(string model)
    {
        using var response = await PostChatAsync(model, stream: false, "," + Tools);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var call = doc.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("tool_calls")[0];
        Assert.Equal("call_up1", call.GetProperty("id").GetString());
        // Anthropic sends the input as an object: its text in the body is what the client gets.
        Assert.Equal(Arguments, call.GetProperty("function").GetProperty("arguments").GetString());
    }

    [Theory]
    [InlineData("cloud")]
    [InlineData("claude")]
    public async Task OpenAISdk_Streaming_SeveralArgumentPiecesThatAddUpToTheUpstreamsText(string model)
    {
        var client = new ChatClient(model, new ApiKeyCredential("unused"), new OpenAIClientOptions
        {
            Endpoint = new Uri(new Uri(_app.Urls.Single()), "/v1"),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        });
        var options = new ChatCompletionOptions
        {
            Tools = { ChatTool.CreateFunctionTool("get_weather", "Weather", BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}}}""")) },
        };
        var pieces = new List<string>();
        var ids = new List<string>();
        ChatFinishReason? finish = null;

        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("weather?")], options))
        {
            foreach (var call in update.ToolCallUpdates)
            {
                if (call.ToolCallId is { } id)
                {
                    ids.Add(id);
                }

                if (call.FunctionArgumentsUpdate?.ToString() is { Length: > 0 } piece)
                {
                    pieces.Add(piece);
                }
            }

            finish ??= update.FinishReason;
        }

        Assert.Equal(["call_up1"], ids);
        Assert.True(pieces.Count > 1, $"the arguments came in {pieces.Count} piece(s)");
        // Anthropic's upstream streams the text it was given as input_json_delta pieces: the same text in both.
        Assert.Equal(Arguments, string.Concat(pieces));
        Assert.Equal(ChatFinishReason.ToolCalls, finish);
    }

    [Theory]
    [InlineData("cloud")]
    [InlineData("claude")]
    public async Task Messages_Streaming_SeveralInputJsonDeltasThatAddUpToTheUpstreamsText(string model)
    {
        var body = $$$$"""
            {"model":"{{{{model}}}}","max_tokens":50,"stream":true,"messages":[{"role":"user","content":"weather?"}],
             "tools":[{"name":"get_weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}}},"strict":true}]}
            """;
        using var response = await _http.SendAsync(Requests.Post("/v1/messages", body));
        var events = await AnthropicSse.ReadAsync(response);

        var start = Assert.Single(events, e => e.Name == "content_block_start");
        Assert.Equal("""{"type":"tool_use","id":"call_up1","name":"get_weather","input":{}}""", start.Data.GetProperty("content_block").GetRawText());
        var pieces = events.Where(e => e.Name == "content_block_delta").Select(e => e.Data.GetProperty("delta")).ToList();
        Assert.All(pieces, p => Assert.Equal("input_json_delta", p.GetProperty("type").GetString()));
        Assert.True(pieces.Count > 1, $"the input came in {pieces.Count} piece(s)");
        Assert.Equal(Arguments, string.Concat(pieces.Select(p => p.GetProperty("partial_json").GetString())));
        Assert.Equal("tool_use", events.Single(e => e.Name == "message_delta").Data.GetProperty("delta").GetProperty("stop_reason").GetString());
        using var sent = JsonDocument.Parse(_upstream.Requests[^1].Body);
        Assert.True(sent.RootElement.GetProperty("tools")[0].GetProperty(model == "cloud" ? "function" : "name").ValueKind != JsonValueKind.Undefined);
    }

    private Task<HttpResponseMessage> PostChatAsync(string model, bool stream, string extra) =>
        _http.SendAsync(Requests.Post("/v1/chat/completions",
            $$$"""{"model":"{{{model}}}","stream":{{{(stream ? "true" : "false")}}},"messages":[{"role":"user","content":"weather?"}]{{{extra}}}}"""));
}
