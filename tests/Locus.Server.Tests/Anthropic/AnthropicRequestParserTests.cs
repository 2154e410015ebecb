using System.Text;
using Locus.Core.Abstractions;
using Locus.Server.Endpoints;
using Locus.Server.Protocol.Anthropic;
using Microsoft.Extensions.AI;

namespace Locus.Server.Tests.Anthropic;

/// <summary>What a valid Messages request becomes: the chat messages and options a model receives.</summary>
public sealed class AnthropicRequestParserTests
{
    [Fact]
    public void ToolResultsAndText_InOneUserTurn_SplitIntoToolAndUserMessagesInOrder()
    {
        var messages = Parse("""
            {"model":"m","max_tokens":5,"messages":[
              {"role":"assistant","content":[{"type":"tool_use","id":"a","name":"f","input":{}},{"type":"tool_use","id":"b","name":"g","input":{"x":[1,2]}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"a","content":"one"},{"type":"tool_result","tool_use_id":"b"},{"type":"text","text":"go on"}]}]}
            """).Messages;

        Assert.Equal([ChatRole.Assistant, ChatRole.Tool, ChatRole.User], messages.Select(m => m.Role));
        Assert.Equal(["a", "b"], messages[1].Contents.Cast<FunctionResultContent>().Select(r => r.CallId));
        Assert.Equal(["one", ""], messages[1].Contents.Cast<FunctionResultContent>().Select(r => r.Result as string));
        Assert.Equal("go on", messages[2].Text);
    }

    [Fact]
    public void ToolResultContent_TextBlocksJoined()
    {
        var messages = Parse("""
            {"model":"m","max_tokens":5,"messages":[{"role":"assistant","content":[{"type":"tool_use","id":"a","name":"f","input":{}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"a","content":[{"type":"text","text":"18"},{"type":"text","text":" C"}]}]}]}
            """).Messages;

        Assert.Equal("18 C", Assert.IsType<FunctionResultContent>(messages[1].Contents.Single()).Result);
    }

    [Theory]
    [InlineData("""{"type":"auto"}""", typeof(AutoChatToolMode))]
    [InlineData("""{"type":"none"}""", typeof(NoneChatToolMode))]
    [InlineData("""{"type":"any"}""", typeof(RequiredChatToolMode))]
    [InlineData("""{"type":"tool","name":"f"}""", typeof(RequiredChatToolMode))]
    public void ToolChoice_MapsToToolMode(string choice, Type mode)
    {
        var options = Parse($$$"""{"model":"m","max_tokens":5,"messages":[{"role":"user","content":"hi"}],"tools":[{"name":"f","input_schema":{"type":"object"}}],"tool_choice":{{{choice}}}}""").Options;

        Assert.IsType(mode, options.ToolMode);
        Assert.Equal(choice.Contains("\"tool\"", StringComparison.Ordinal) ? "f" : null, (options.ToolMode as RequiredChatToolMode)?.RequiredFunctionName);
        Assert.Null(options.AllowMultipleToolCalls);
    }

    [Fact]
    public void EmptyFinalAssistantTurn_AddsNoMessage()
    {
        var messages = Parse("""{"model":"m","max_tokens":5,"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":""}]}""").Messages;

        Assert.Equal([ChatRole.User], messages.Select(m => m.Role));
    }

    [Fact]
    public void SharedSamplingExtensions_AreRead()
    {
        var options = Parse("""{"model":"m","max_tokens":5,"messages":[{"role":"user","content":"hi"}],"min_p":0.1,"repetition_penalty":1.2}""").Options;

        Assert.Equal(0.1f, options.AdditionalProperties![LocusChatOptions.MinP]);
        Assert.Equal(1.2f, options.AdditionalProperties![LocusChatOptions.RepetitionPenalty]);
        Assert.Null(options.StopSequences);
        Assert.Null(options.Temperature);
    }

    [Fact]
    public void Stream_DefaultsToFalse()
    {
        Assert.False(Parse("""{"model":"m","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}""").Stream);
        Assert.True(Parse("""{"model":"m","max_tokens":5,"messages":[{"role":"user","content":"hi"}],"stream":true}""").Stream);
    }

    [Theory]
    [InlineData("output_config", """{"format":{"type":"json_schema","schema":{"type":"object","properties":{"b":{},"a":{}}}},"effort":"low"}""")]
    [InlineData("output_format", """{"type":"json_schema","schema":{"type":"object","properties":{"b":{},"a":{}}}}""")]
    public void StructuredOutput_BecomesJsonSchemaFormat(string field, string value)
    {
        var options = Parse($$"""{"model":"m","max_tokens":5,"messages":[{"role":"user","content":"hi"}],"{{field}}":{{value}}}""").Options;

        var format = Assert.IsType<ChatResponseFormatJson>(options.ResponseFormat);
        Assert.Equal("""{"type":"object","properties":{"b":{},"a":{}}}""", format.Schema!.Value.GetRawText());
    }

    [Fact]
    public void ToolStrict_KeptOnTheDeclaration()
    {
        var options = Parse("""
            {"model":"m","max_tokens":5,"messages":[{"role":"user","content":"hi"}],
             "tools":[{"name":"f","input_schema":{"type":"object"},"strict":true},{"name":"g","input_schema":{"type":"object"}}]}
            """).Options;

        Assert.Equal([true, null], options.Tools!.Select(Locus.Wire.ToolSchemas.Strict));
    }

    private static AnthropicRequest Parse(string json)
    {
        using var doc = RequestBody.Parse(Encoding.UTF8.GetBytes(json));
        return AnthropicRequest.Parse(doc.RootElement);
    }
}
