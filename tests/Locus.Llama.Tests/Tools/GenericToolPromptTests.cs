using System.Text.Json;
using Locus.Llama.Tools;

namespace Locus.Llama.Tests.Tools;

public sealed class GenericToolPromptTests
{
    private static readonly ToolSpec[] Tools =
    [
        new("get_weather", "Current weather in a city", JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}}}""").RootElement.Clone()),
        new("get_time", null, JsonDocument.Parse("""{"type":"object"}""").RootElement.Clone()),
    ];

    [Fact]
    public void SystemText_Auto_ListsToolsAndBothAnswerShapes()
    {
        var text = GenericToolPrompt.SystemText(Tools, ToolChoiceKind.Auto);

        Assert.Contains("\"name\": \"get_weather\"", text, StringComparison.Ordinal);
        Assert.Contains("\"description\": \"Current weather in a city\"", text, StringComparison.Ordinal);
        Assert.Contains("\"city\"", text, StringComparison.Ordinal);
        Assert.Contains("{\"tool_calls\": [", text, StringComparison.Ordinal);
        Assert.Contains("{\"response\": ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void SystemText_RequiredAndNamed_LeaveOutTheResponseShape()
    {
        var required = GenericToolPrompt.SystemText(Tools, ToolChoiceKind.Required);
        var named = GenericToolPrompt.SystemText(Tools, ToolChoiceKind.Named, "get_time");

        Assert.DoesNotContain("\"response\"", required, StringComparison.Ordinal);
        Assert.Contains("must call the tool \"get_time\"", named, StringComparison.Ordinal);
    }

    [Fact]
    public void SystemText_NamedToolMissing_ThrowsNamingNamedTool()
    {
        Assert.Equal("namedTool", Assert.Throws<ArgumentException>(() => GenericToolPrompt.SystemText(Tools, ToolChoiceKind.Named, "nope")).ParamName);
    }

    [Fact]
    public void CallsText_IsTheEnvelopeTheParserReadsBack()
    {
        var text = GenericToolPrompt.CallsText([("get_weather", "{\"city\":\"Zürich\"}", "call_1"), ("get_time", "", null)]);

        Assert.Equal("{\"tool_calls\":[{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Zürich\"},\"id\":\"call_1\"},{\"name\":\"get_time\",\"arguments\":{}}]}", text);
        Assert.Equal(
            [.. ParserHarness.Call(0, "get_weather", "{\"city\":\"Zürich\"}", "call_1"), .. ParserHarness.Call(1, "get_time", "{}")],
            ParserHarness.Whole(ToolCallFormat.Generic, text));
    }

    [Fact]
    public void ResultText_WrapsTheContentAsAToolResponse()
    {
        var text = GenericToolPrompt.ResultText("get_weather", "call_1", "18°C, \"sunny\"");

        Assert.Equal("{\"tool_response\":{\"tool\":\"get_weather\",\"id\":\"call_1\",\"content\":\"18°C, \\\"sunny\\\"\"}}", text);
    }
}
