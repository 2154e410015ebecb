using System.Text.Json;
using Locus.Core.Errors;
using Locus.Server.Protocol.Responses;
using Locus.Server.Responses;
using Microsoft.Extensions.AI;

namespace Locus.Server.Tests.Responses;

/// <summary><see cref="ResponsesRequest.Parse"/>: Responses API input items and options as chat messages and options.</summary>
public sealed class ResponsesRequestParserTests
{
    [Fact]
    public void Parse_StringInput_IsOneUserMessageAndStoredAsAMessageItem()
    {
        var request = Parse("""{"model":"m","input":"héllo \"x\""}""");

        var message = Assert.Single(request.Messages);
        Assert.Equal((ChatRole.User, "héllo \"x\""), (message.Role, message.Text));
        using var items = JsonDocument.Parse(request.ContextItems);
        Assert.Equal("héllo \"x\"", items.RootElement[0].GetProperty("content").GetString());
        Assert.True(request.Store);
        Assert.False(request.Stream);
    }

    [Fact]
    public void Parse_Items_MapRolesPartsCallsAndSkipReasoning()
    {
        var request = Parse("""
            {"model":"m","instructions":"sys","input":[
              {"role":"developer","content":"dev"},
              {"type":"message","role":"user","content":[{"type":"input_text","text":"a"},{"type":"input_text","text":"b"}]},
              {"type":"reasoning","id":"rs_1","summary":[]},
              {"type":"message","role":"assistant","content":[{"type":"output_text","text":"let me see","annotations":[]}]},
              {"type":"function_call","call_id":"c1","name":"f","arguments":"{\"x\":1}"},
              {"type":"function_call_output","call_id":"c1","output":[{"type":"input_text","text":"42"}]}
            ]}
            """);

        Assert.Equal([ChatRole.System, ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.Tool], request.Messages.Select(m => m.Role));
        Assert.Equal(["sys", "dev", "ab"], request.Messages.Take(3).Select(m => m.Text));
        var assistant = request.Messages[3].Contents;
        Assert.Equal("let me see", Assert.IsType<TextContent>(assistant[0]).Text);
        var call = Assert.IsType<FunctionCallContent>(assistant[1]);
        Assert.Equal(("c1", "f"), (call.CallId, call.Name));
        Assert.Equal("1", call.Arguments!["x"]!.ToString());
        var result = Assert.IsType<FunctionResultContent>(Assert.Single(request.Messages[4].Contents));
        Assert.Equal(("c1", "42"), (result.CallId, result.Result as string));
    }

    [Fact]
    public void Parse_Options_ToolsChoiceFormatAndSampling()
    {
        var request = Parse("""
            {"model":"m","input":"hi","temperature":0.2,"top_p":0.5,"max_output_tokens":33,"parallel_tool_calls":false,"store":false,"stream":true,
             "tools":[{"type":"function","name":"f","description":"d","parameters":{"type":"object","properties":{}},"strict":true}],
             "tool_choice":{"type":"function","name":"f"},"text":{"format":{"type":"json_object"}},"user":"u","metadata":{"a":"b"}}
            """);

        var options = request.Options;
        Assert.Equal((0.2f, 0.5f, 33, false), (options.Temperature, options.TopP, options.MaxOutputTokens, options.AllowMultipleToolCalls));
        Assert.Equal("f", Assert.IsType<RequiredChatToolMode>(options.ToolMode).RequiredFunctionName);
        var tool = Assert.IsType<Locus.Wire.DeclaredFunction>(Assert.Single(options.Tools!));
        Assert.Equal(("f", "d", (bool?)true), (tool.Name, tool.Description, tool.Strict));
        Assert.Same(ChatResponseFormat.Json, options.ResponseFormat);
        Assert.False(request.Store);
        Assert.True(request.Stream);
        Assert.Equal(("u", 0.2), (request.Echo.User, request.Echo.Temperature));
        Assert.Equal("b", request.Echo.Metadata.GetProperty("a").GetString());
        Assert.Equal("f", request.Echo.ToolChoice.GetProperty("name").GetString());
    }

    [Fact]
    public void Parse_PreviousResponse_PrependsStoredItemsAndKnowsTheirCalls()
    {
        var stored = new StoredResponse("resp_1", DateTimeOffset.UnixEpoch, "{}", """
            [{"type":"message","role":"user","content":"q"},{"type":"function_call","id":"fc_1","status":"completed","call_id":"c9","name":"f","arguments":"{}"}]
            """);

        var request = ResponsesRequest.Parse(Root("""{"model":"m","previous_response_id":"resp_1","input":[{"type":"function_call_output","call_id":"c9","output":"r"}]}"""),
            id => id == stored.Id ? stored : null);

        Assert.Equal([ChatRole.User, ChatRole.Assistant, ChatRole.Tool], request.Messages.Select(m => m.Role));
        using var items = JsonDocument.Parse(request.ContextItems);
        Assert.Equal(3, items.RootElement.GetArrayLength());
        Assert.Equal("resp_1", request.PreviousResponseId);
    }

    [Theory]
    [InlineData("""{"model":"m","input":[{"type":"function_call_output","output":"x"}]}""", "input[0].call_id")]
    [InlineData("""{"model":"m","input":[{"type":"item_reference","id":"x"}]}""", "input[0].type")]
    [InlineData("""{"model":"m","input":"hi","previous_response_id":"resp_missing"}""", "previous_response_id")]
    [InlineData("""{"model":"m","input":"hi","tools":[{"type":"function","name":"f","parameters":{"type":"array"}}]}""", "tools[0].parameters.type")]
    [InlineData("""{"model":"m","input":"hi","metadata":[]}""", "metadata")]
    [InlineData("""{"model":"m","input":"hi","conversation":"conv_1"}""", "conversation")]
    public void Parse_Invalid_NamesTheParameter(string json, string param)
    {
        var e = Assert.Throws<LocusException>(() => Parse(json));

        Assert.Equal(param, e.Error.Param);
    }

    private static ResponsesRequest Parse(string json) => ResponsesRequest.Parse(Root(json), _ => null);

    private static JsonElement Root(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
