using System.Text.Json;
using Locus.Wire.OpenAI;
using Microsoft.Extensions.AI;

namespace Locus.Wire.Tests.OpenAI;

public sealed class OpenAIMappingTests
{
    [Theory]
    [InlineData("stop", false, "stop")]
    [InlineData("stop", true, "tool_calls")]
    [InlineData(null, true, "tool_calls")]
    [InlineData(null, false, "stop")]
    [InlineData("length", true, "length")]
    [InlineData("content_filter", false, "content_filter")]
    public void FinishReason_ToolCallsWinOverStop(string? reason, bool calledTools, string expected) =>
        Assert.Equal(expected, OpenAIMapping.FinishReason(reason is null ? null : new ChatFinishReason(reason), calledTools));

    [Theory]
    [InlineData("stop", "stop")]
    [InlineData("length", "length")]
    [InlineData("tool_calls", "tool_calls")]
    [InlineData("function_call", "tool_calls")]
    [InlineData("content_filter", "content_filter")]
    [InlineData("eos", "eos")]
    public void ToFinishReason_ReadsOpenAIAndLegacyValues(string wire, string expected) =>
        Assert.Equal(expected, OpenAIMapping.ToFinishReason(wire)!.Value.Value);

    [Fact]
    public void Usage_TotalIsTheSumWhenTheBackendGivesNone()
    {
        var usage = OpenAIMapping.Usage(new() { InputTokenCount = 3, OutputTokenCount = 4 });

        Assert.Equal((3L, 4L, 7L), (usage.PromptTokens!.Value, usage.CompletionTokens!.Value, usage.TotalTokens!.Value));
        Assert.Equal(0, OpenAIMapping.Usage(null).TotalTokens);
    }

    [Fact]
    public void ToolCall_WithoutId_GetsOne_UpstreamCallKeepsItsOwn()
    {
        var call = new FunctionCallContent("", "f", new Dictionary<string, object?> { ["city"] = "Zürich" });

        Assert.StartsWith("call_", OpenAIMapping.ToolCall(call).Id, StringComparison.Ordinal);
        Assert.Equal("", OpenAIMapping.UpstreamToolCall(call).Id);
        Assert.Equal("{\"city\":\"Zürich\"}", OpenAIMapping.UpstreamToolCall(call).Function!.Arguments);
        Assert.Equal("{\n  \"city\": \"Zürich\"\n}", OpenAIMapping.ToolCall(call).Function!.Arguments);
    }

    [Fact]
    public void ToFunctionCall_BadArguments_KeptAsTheCallsException()
    {
        var call = OpenAIMapping.ToFunctionCall(new ToolCall { Id = "a", Function = new() { Name = "f", Arguments = "[1]" } });

        Assert.Equal("a", call.CallId);
        Assert.IsType<JsonException>(call.Exception?.InnerException, exactMatch: false);
    }

    [Theory]
    [InlineData("system", "system")]
    [InlineData("developer", "system")]
    [InlineData("user", "user")]
    [InlineData("assistant", "assistant")]
    [InlineData("tool", "tool")]
    [InlineData("function", null)]
    [InlineData("robot", null)]
    public void ToChatRole_DeveloperIsSystem(string role, string? expected) => Assert.Equal(expected, OpenAIMapping.ToChatRole(role)?.Value);

    [Fact]
    public void ToolChoice_RoundTripsTheStringForms()
    {
        foreach (var mode in new ChatToolMode[] { ChatToolMode.None, ChatToolMode.Auto, ChatToolMode.RequireAny })
        {
            Assert.Equal(mode, OpenAIMapping.ToToolMode(OpenAIMapping.ToolChoice(mode)));
        }

        Assert.Null(OpenAIMapping.ToolChoice(ChatToolMode.RequireSpecific("f")));
        Assert.Null(OpenAIMapping.ToToolMode("sometimes"));
    }

    [Theory]
    [InlineData(1_700_000_000L, true)]
    [InlineData(0L, false)]
    [InlineData(1_700_000_000_000_000L, false)]
    public void CreatedAt_OutOfRangeIsUnknown(long seconds, bool known) => Assert.Equal(known, OpenAIMapping.CreatedAt(seconds) is not null);
}
