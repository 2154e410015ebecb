using System.Text.Json;
using Locus.Core.Errors;
using Locus.Providers.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Locus.Providers.Tests.Conformance;

/// <summary>The shared behaviours over the Anthropic Messages API, plus that protocol's own wire details.</summary>
public sealed class AnthropicConformanceTests : ProviderConformanceTests
{
    protected override ProviderKind Kind => ProviderKind.Anthropic;

    protected override string TruncatedStream =>
        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"m\",\"content\":[],\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}\n\n"
        + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
        + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"hi\"}}\n\n";

    protected override string? SentApiKey(RecordedRequest request) => request.Headers.GetValueOrDefault("x-api-key");

    protected override void AssertConversationWireFormat(RecordedRequest request, JsonElement body)
    {
        Assert.Equal("/v1/messages", request.Path);
        Assert.Equal("2023-06-01", request.Headers["anthropic-version"]);
        Assert.Equal("Be brief.", body.GetProperty("system").GetString());
        var messages = body.GetProperty("messages");
        // The tool result and the follow-up share one user turn: the API wants roles to alternate.
        Assert.Equal(["user", "assistant", "user"], messages.EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("Weather in Paris?", messages[0].GetProperty("content").GetString());

        var toolUse = Assert.Single(messages[1].GetProperty("content").EnumerateArray());
        Assert.Equal("tool_use", toolUse.GetProperty("type").GetString());
        Assert.Equal("call_1", toolUse.GetProperty("id").GetString());
        Assert.Equal("get_weather", toolUse.GetProperty("name").GetString());
        Assert.Equal("Paris", toolUse.GetProperty("input").GetProperty("city").GetString());

        var blocks = messages[2].GetProperty("content");
        Assert.Equal("tool_result", blocks[0].GetProperty("type").GetString());
        Assert.Equal("call_1", blocks[0].GetProperty("tool_use_id").GetString());
        Assert.Equal("sunny, 21 C", blocks[0].GetProperty("content").GetString());
        Assert.Equal("text", blocks[1].GetProperty("type").GetString());
        Assert.Equal("Thanks. And tomorrow?", blocks[1].GetProperty("text").GetString());

        Assert.Equal(50, body.GetProperty("max_tokens").GetInt32());
        Assert.Equal(0.5, body.GetProperty("temperature").GetDouble());
        Assert.Equal(0.9, body.GetProperty("top_p").GetDouble(), 6);
        Assert.Equal(["END"], body.GetProperty("stop_sequences").EnumerateArray().Select(s => s.GetString()));
        var tool = Assert.Single(body.GetProperty("tools").EnumerateArray());
        Assert.Equal("get_weather", tool.GetProperty("name").GetString());
        Assert.Equal("Current weather for a city", tool.GetProperty("description").GetString());
        Assert.Equal("object", tool.GetProperty("input_schema").GetProperty("type").GetString());
        Assert.Equal("auto", body.GetProperty("tool_choice").GetProperty("type").GetString());
        Assert.False(body.TryGetProperty("stream", out _));
    }

    protected override void AssertStreamingRequest(JsonElement body) => Assert.False(body.TryGetProperty("stream_options", out _));

    [Fact]
    public async Task MaxTokens_NotSet_SendsTheConfiguredDefault()
    {
        await Client(o => o with { DefaultMaxTokens = 1234 }).GetResponseAsync(Chat.User("x"));

        Assert.Equal(1234, Chat.Json(Assert.Single(Server.Requests)).GetProperty("max_tokens").GetInt32());
    }

    [Fact]
    public async Task System_InstructionsAndSystemMessages_JoinIntoTheTopLevelField()
    {
        await Client().GetResponseAsync(
            [new(ChatRole.System, "First rule."), new(ChatRole.User, "hi"), new(ChatRole.System, "Second rule.")],
            new ChatOptions { Instructions = "Be kind." });

        var body = Chat.Json(Assert.Single(Server.Requests));
        Assert.Equal("Be kind.\n\nFirst rule.\n\nSecond rule.", body.GetProperty("system").GetString());
        Assert.Equal(["user"], body.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString()));
    }

    [Fact]
    public async Task ToolModes_MapToAnthropicToolChoice()
    {
        var client = Client();
        await client.GetResponseAsync(Chat.User("x"), new ChatOptions { Tools = [WeatherTool], ToolMode = ChatToolMode.RequireAny });
        await client.GetResponseAsync(Chat.User("x"), new ChatOptions { Tools = [WeatherTool], ToolMode = ChatToolMode.RequireSpecific("get_weather") });
        await client.GetResponseAsync(Chat.User("x"), new ChatOptions { Tools = [WeatherTool], ToolMode = ChatToolMode.None });

        var choices = Server.Requests.Select(r => Chat.Json(r).GetProperty("tool_choice")).ToList();
        Assert.Equal(["any", "tool", "none"], choices.Select(c => c.GetProperty("type").GetString()));
        Assert.Equal("get_weather", choices[1].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Images_AreSentAsBase64Blocks()
    {
        var image = new DataContent(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, "image/png");

        await Client().GetResponseAsync([new ChatMessage(ChatRole.User, [new TextContent("what is this?"), image])]);

        var content = Chat.Json(Assert.Single(Server.Requests)).GetProperty("messages")[0].GetProperty("content");
        Assert.Equal("text", content[0].GetProperty("type").GetString());
        Assert.Equal("image", content[1].GetProperty("type").GetString());
        var source = content[1].GetProperty("source");
        Assert.Equal("base64", source.GetProperty("type").GetString());
        Assert.Equal("image/png", source.GetProperty("media_type").GetString());
        Assert.Equal("iVBORw==", source.GetProperty("data").GetString());
    }

    [Fact]
    public async Task Stream_OverloadedErrorEvent_IsOverloaded()
    {
        Server.Behavior = new UpstreamBehavior
        {
            RawBody = "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n",
        };

        var error = await Chat.FailsAsync(() => Chat.CollectAsync(Client().GetStreamingResponseAsync(Chat.User("x"))));

        Assert.Equal(LocusErrorKind.Overloaded, error.Kind);
        Assert.Contains("Overloaded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Response_TextThenToolUse_StopSequenceIsStop()
    {
        Server.Behavior = new UpstreamBehavior
        {
            RawBody = """
                {"id":"msg_9","type":"message","role":"assistant","model":"m","stop_reason":"stop_sequence","stop_sequence":"END",
                 "content":[{"type":"text","text":"Let me check."},{"type":"tool_use","id":"toolu_1","name":"f","input":{"a":[1,2]}}],
                 "usage":{"input_tokens":5,"cache_read_input_tokens":2,"output_tokens":4}}
                """,
        };

        var response = await Client().GetResponseAsync(Chat.User("x"));

        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal("Let me check.", response.Text);
        var call = Assert.Single(response.Messages[0].Contents.OfType<FunctionCallContent>());
        Assert.Equal(2, ((JsonElement)call.Arguments!["a"]!).GetArrayLength());
        Assert.Equal(7, response.Usage?.InputTokenCount); // uncached + cache reads
        Assert.Equal(2, response.Usage?.CachedInputTokenCount);
    }
}
