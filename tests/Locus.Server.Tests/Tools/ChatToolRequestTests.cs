using System.Text;
using System.Text.Json;
using Locus.Server.Endpoints;
using Locus.Server.Protocol;
using Microsoft.Extensions.AI;

namespace Locus.Server.Tests.Tools;

/// <summary>What OpenAI tool definitions, choices and tool turns become for the backend.</summary>
public sealed class ChatToolRequestTests
{
    private const string Weather = """{"type":"function","function":{"name":"get_weather","description":"Weather by city","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}""";

    [Fact]
    public void Tools_MapToDeclarationsWithSchema()
    {
        var options = Parse($$$"""{"model":"m","messages":[{"role":"user","content":"hi"}],"tools":[{{{Weather}}},{"type":"function","function":{"name":"now"}}],"parallel_tool_calls":false}""").Options;

        var tools = options.Tools!.Cast<AIFunctionDeclaration>().ToList();
        Assert.Equal(["get_weather", "now"], tools.Select(t => t.Name));
        Assert.Equal("Weather by city", tools[0].Description);
        Assert.Equal("string", tools[0].JsonSchema.GetProperty("properties").GetProperty("city").GetProperty("type").GetString());
        Assert.Equal("city", tools[0].JsonSchema.GetProperty("required")[0].GetString());
        // No parameters: a function that takes none.
        Assert.Equal("object", tools[1].JsonSchema.GetProperty("type").GetString());
        Assert.Empty(tools[1].JsonSchema.GetProperty("properties").EnumerateObject());
        Assert.False(options.AllowMultipleToolCalls);
        Assert.Null(options.ToolMode);
    }

    [Theory]
    [InlineData("\"none\"", typeof(NoneChatToolMode), null)]
    [InlineData("\"auto\"", typeof(AutoChatToolMode), null)]
    [InlineData("\"required\"", typeof(RequiredChatToolMode), null)]
    [InlineData("""{"type":"function","function":{"name":"get_weather"}}""", typeof(RequiredChatToolMode), "get_weather")]
    public void ToolChoice_MapsToToolMode(string choice, Type mode, string? required)
    {
        var options = Parse($$"""{"model":"m","messages":[{"role":"user","content":"hi"}],"tools":[{{Weather}}],"tool_choice":{{choice}}}""").Options;

        Assert.IsType(mode, options.ToolMode);
        Assert.Equal(required, (options.ToolMode as RequiredChatToolMode)?.RequiredFunctionName);
    }

    [Fact]
    public void ToolTurns_MapToFunctionCallAndResultContents()
    {
        var messages = Parse("""
            {"model":"m","messages":[
              {"role":"user","content":"weather in Paris?"},
              {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\",\"units\":{\"temp\":\"C\"}}"}},
                                                            {"id":"call_2","type":"function","function":{"name":"now","arguments":""}}]},
              {"role":"tool","tool_call_id":"call_1","content":"18 C"},
              {"role":"tool","tool_call_id":"call_2","content":[{"type":"text","text":"noon"}]}]}
            """).Messages;

        Assert.Equal([ChatRole.User, ChatRole.Assistant, ChatRole.Tool, ChatRole.Tool], messages.Select(m => m.Role));
        var calls = messages[1].Contents.Cast<FunctionCallContent>().ToList();
        Assert.Equal(["call_1", "call_2"], calls.Select(c => c.CallId));
        Assert.Equal(["get_weather", "now"], calls.Select(c => c.Name));
        Assert.Equal("Paris", ((JsonElement)calls[0].Arguments!["city"]!).GetString());
        Assert.Equal("C", ((JsonElement)calls[0].Arguments!["units"]!).GetProperty("temp").GetString());
        Assert.Empty(calls[1].Arguments!);
        var results = messages.Skip(2).Select(m => Assert.IsType<FunctionResultContent>(Assert.Single(m.Contents))).ToList();
        Assert.Equal(["call_1", "call_2"], results.Select(r => r.CallId));
        Assert.Equal(["18 C", "noon"], results.Select(r => r.Result as string));
    }

    [Fact]
    public void AssistantWithTextAndCalls_KeepsTextFirst()
    {
        var message = Parse("""
            {"model":"m","messages":[{"role":"assistant","content":"Checking.","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{}"}}]}]}
            """).Messages.Single();

        Assert.Equal("Checking.", Assert.IsType<TextContent>(message.Contents[0]).Text);
        Assert.IsType<FunctionCallContent>(message.Contents[1]);
    }

    private static Protocol.ChatRequest Parse(string json)
    {
        using var doc = RequestBody.Parse(Encoding.UTF8.GetBytes(json));
        return Protocol.ChatRequest.Parse(doc.RootElement);
    }
}
