using System.Text.Json;
using Locus.Core.Abstractions;
using Locus.Core.Errors;
using Locus.Providers.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Locus.Providers.Tests.Conformance;

/// <summary>The shared behaviours over OpenAI chat completions, plus that protocol's own wire details.</summary>
public sealed class OpenAIConformanceTests : ProviderConformanceTests
{
    protected override ProviderKind Kind => ProviderKind.OpenAI;

    protected override string TruncatedStream =>
        "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"},\"finish_reason\":null}]}\n\n";

    protected override string? SentApiKey(RecordedRequest request) =>
        request.Headers.TryGetValue("Authorization", out var value) && value.StartsWith("Bearer ", StringComparison.Ordinal) ? value["Bearer ".Length..] : null;

    protected override void AssertConversationWireFormat(RecordedRequest request, JsonElement body)
    {
        Assert.Equal("/v1/chat/completions", request.Path);
        var messages = body.GetProperty("messages");
        Assert.Equal(["system", "user", "assistant", "tool", "user"], messages.EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("Be brief.", messages[0].GetProperty("content").GetString());
        Assert.Equal("Weather in Paris?", messages[1].GetProperty("content").GetString());

        var assistant = messages[2];
        Assert.Equal(JsonValueKind.Null, assistant.GetProperty("content").ValueKind);
        var call = Assert.Single(assistant.GetProperty("tool_calls").EnumerateArray());
        Assert.Equal("call_1", call.GetProperty("id").GetString());
        Assert.Equal("function", call.GetProperty("type").GetString());
        Assert.Equal("get_weather", call.GetProperty("function").GetProperty("name").GetString());
        // Arguments travel as a JSON document inside a string.
        var arguments = JsonDocument.Parse(call.GetProperty("function").GetProperty("arguments").GetString()!).RootElement;
        Assert.Equal("Paris", arguments.GetProperty("city").GetString());

        Assert.Equal("call_1", messages[3].GetProperty("tool_call_id").GetString());
        Assert.Equal("sunny, 21 C", messages[3].GetProperty("content").GetString());

        Assert.Equal(0.5, body.GetProperty("temperature").GetDouble());
        Assert.Equal(0.9, body.GetProperty("top_p").GetDouble(), 6);
        Assert.Equal(50, body.GetProperty("max_tokens").GetInt32());
        Assert.Equal(["END"], body.GetProperty("stop").EnumerateArray().Select(s => s.GetString()));
        var tool = Assert.Single(body.GetProperty("tools").EnumerateArray());
        Assert.Equal("function", tool.GetProperty("type").GetString());
        Assert.Equal("get_weather", tool.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("Current weather for a city", tool.GetProperty("function").GetProperty("description").GetString());
        Assert.Equal("object", tool.GetProperty("function").GetProperty("parameters").GetProperty("type").GetString());
        Assert.Equal("auto", body.GetProperty("tool_choice").GetString());
        Assert.False(body.TryGetProperty("stream", out _));
    }

    protected override void AssertStreamingRequest(JsonElement body) =>
        Assert.True(body.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());

    [Fact]
    public async Task Options_SamplingFormatAndToolChoice_MapToOpenAIFields()
    {
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"answer":{"type":"string"}}}""").RootElement;
        var options = new ChatOptions
        {
            Seed = 42,
            FrequencyPenalty = 0.25f,
            PresencePenalty = 0.5f,
            TopK = 20,
            Instructions = "Answer in JSON.",
            Tools = [WeatherTool],
            ToolMode = ChatToolMode.RequireSpecific("get_weather"),
            AllowMultipleToolCalls = false,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "answer_schema"),
            AdditionalProperties = new() { [LocusChatOptions.MinP] = 0.05 },
        };

        await Client().GetResponseAsync(Chat.User("x"), options);

        var body = Chat.Json(Assert.Single(Server.Requests));
        Assert.Equal(42, body.GetProperty("seed").GetInt64());
        Assert.Equal(0.25, body.GetProperty("frequency_penalty").GetDouble());
        Assert.Equal(0.5, body.GetProperty("presence_penalty").GetDouble());
        Assert.Equal(20, body.GetProperty("top_k").GetInt32());
        Assert.Equal(0.05, body.GetProperty("min_p").GetDouble());
        Assert.Equal("system", body.GetProperty("messages")[0].GetProperty("role").GetString());
        Assert.Equal("Answer in JSON.", body.GetProperty("messages")[0].GetProperty("content").GetString());
        Assert.Equal("get_weather", body.GetProperty("tool_choice").GetProperty("function").GetProperty("name").GetString());
        Assert.False(body.GetProperty("parallel_tool_calls").GetBoolean());
        var format = body.GetProperty("response_format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        Assert.Equal("answer_schema", format.GetProperty("json_schema").GetProperty("name").GetString());
        Assert.Equal("string", format.GetProperty("json_schema").GetProperty("schema").GetProperty("properties").GetProperty("answer").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Options_JsonWithoutSchema_IsJsonObject_AndRequireAnyIsRequired()
    {
        await Client().GetResponseAsync(Chat.User("x"), new ChatOptions
        {
            ResponseFormat = ChatResponseFormat.Json,
            Tools = [WeatherTool],
            ToolMode = ChatToolMode.RequireAny,
        });

        var body = Chat.Json(Assert.Single(Server.Requests));
        Assert.Equal("json_object", body.GetProperty("response_format").GetProperty("type").GetString());
        Assert.Equal("required", body.GetProperty("tool_choice").GetString());
    }

    [Fact]
    public async Task Images_AreSentAsDataUriParts()
    {
        var image = new DataContent(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, "image/png");

        await Client().GetResponseAsync([new ChatMessage(ChatRole.User, [new TextContent("what is this?"), image])]);

        var content = Chat.Json(Assert.Single(Server.Requests)).GetProperty("messages")[0].GetProperty("content");
        Assert.Equal("text", content[0].GetProperty("type").GetString());
        Assert.Equal("what is this?", content[0].GetProperty("text").GetString());
        Assert.Equal("image_url", content[1].GetProperty("type").GetString());
        Assert.Equal("data:image/png;base64,iVBORw==", content[1].GetProperty("image_url").GetProperty("url").GetString());
    }

    [Fact]
    public async Task Stream_ErrorEvent_UpstreamFailedWithItsMessage()
    {
        Server.Behavior = new UpstreamBehavior { RawBody = "data: {\"error\":{\"message\":\"model crashed\",\"type\":\"server_error\"}}\n\n" };

        var error = await Chat.FailsAsync(() => Chat.CollectAsync(Client().GetStreamingResponseAsync(Chat.User("x"))));

        Assert.Equal(LocusErrorKind.UpstreamFailed, error.Kind);
        Assert.Contains("model crashed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_ParallelToolCalls_AssembledPerIndexInOrder()
    {
        static string Chunk(string delta, string? finish = null) =>
            $"data: {{\"id\":\"c1\",\"model\":\"m\",\"choices\":[{{\"index\":0,\"delta\":{delta},\"finish_reason\":{(finish is null ? "null" : $"\"{finish}\"")}}}]}}\n\n";
        Server.Behavior = new UpstreamBehavior
        {
            RawBody = Chunk("""{"role":"assistant","tool_calls":[{"index":0,"id":"a","type":"function","function":{"name":"f","arguments":""}}]}""")
                + Chunk("""{"tool_calls":[{"index":1,"id":"b","type":"function","function":{"name":"g","arguments":"{\"y\":"}}]}""")
                + Chunk("""{"tool_calls":[{"index":0,"function":{"arguments":"{\"x\":1}"}}]}""")
                + Chunk("""{"tool_calls":[{"index":1,"function":{"arguments":"2}"}}]}""")
                + Chunk("{}", "tool_calls")
                + "data: [DONE]\n\n",
        };

        var response = (await Chat.CollectAsync(Client().GetStreamingResponseAsync(Chat.User("x")))).ToChatResponse();

        var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
        Assert.Equal(["a", "b"], calls.Select(c => c.CallId));
        Assert.Equal(1, ((JsonElement)calls[0].Arguments!["x"]!).GetInt32());
        Assert.Equal(2, ((JsonElement)calls[1].Arguments!["y"]!).GetInt32());
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
    }

    [Fact]
    public async Task FinishReason_ContentFilter_IsMapped()
    {
        Server.Behavior = new UpstreamBehavior
        {
            RawBody = """{"id":"c","object":"chat.completion","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":""},"finish_reason":"content_filter"}]}""",
        };

        var response = await Client().GetResponseAsync(Chat.User("x"));

        Assert.Equal(ChatFinishReason.ContentFilter, response.FinishReason);
    }
}
