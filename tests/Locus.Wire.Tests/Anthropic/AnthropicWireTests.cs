using System.Text;
using System.Text.Json;
using Locus.Wire.Anthropic;
using Microsoft.Extensions.AI;

namespace Locus.Wire.Tests.Anthropic;

/// <summary>Messages API objects and stream events as the server writes them, and as the Anthropic provider reads them.</summary>
public sealed class AnthropicWireTests
{
    [Fact]
    public void Message_Written_InAnthropicsOrderWithNulls()
    {
        var message = new AnthropicMessage
        {
            Id = "msg_1",
            Model = "m",
            Content = [AnthropicMapping.TextBlock("hé"), new() { Type = "tool_use", Id = "toolu_1", Name = "f", Input = JsonDocument.Parse("""{"a":1}""").RootElement }],
            StopReason = "tool_use",
            Usage = AnthropicMapping.Usage(new() { InputTokenCount = 5, OutputTokenCount = 2 }),
        };

        Assert.Equal(
            """{"id":"msg_1","type":"message","role":"assistant","model":"m","content":[{"type":"text","text":"hé"},{"type":"tool_use","id":"toolu_1","name":"f","input":{"a":1}}],"stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":5,"output_tokens":2}}""",
            JsonSerializer.Serialize(message, AnthropicJson.Message));
    }

    [Fact]
    public void Events_Written_TypeFirst()
    {
        Assert.Equal("""{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}""",
            JsonSerializer.Serialize(new ContentBlockStartEvent { Index = 0, ContentBlock = AnthropicMapping.TextBlock("") }, AnthropicJson.ContentBlockStart));
        Assert.Equal("""{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{}"}}""",
            JsonSerializer.Serialize(new ContentBlockDeltaEvent { Index = 1, Delta = new() { Type = "input_json_delta", PartialJson = "{}" } }, AnthropicJson.ContentBlockDelta));
        Assert.Equal("""{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":0,"output_tokens":3}}""",
            JsonSerializer.Serialize(new MessageDeltaEvent { Delta = new() { StopReason = "end_turn" }, Usage = AnthropicMapping.Usage(new() { OutputTokenCount = 3 }) }, AnthropicJson.MessageDelta));
        Assert.Equal("""{"type":"message_stop"}""", JsonSerializer.Serialize(MessageStopEvent.Instance, AnthropicJson.MessageStop));
        Assert.Equal("""{"type":"ping"}""", JsonSerializer.Serialize(PingEvent.Instance, AnthropicJson.Ping));
        Assert.Equal("""{"type":"error","error":{"type":"overloaded_error","message":"busy"}}""",
            JsonSerializer.Serialize(new AnthropicErrorEnvelope { Error = new() { Type = AnthropicErrorTypes.Overloaded, Message = "busy" } }, AnthropicJson.ErrorEnvelope));
    }

    [Theory]
    [InlineData("""{"type":"message_start","message":{"id":"m"}}""", typeof(MessageStartEvent))]
    [InlineData("""{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}""", typeof(ContentBlockStartEvent))]
    [InlineData("""{"index":2,"type":"content_block_delta","delta":{"type":"thinking_delta","thinking":"t"}}""", typeof(ContentBlockDeltaEvent))]
    [InlineData("""{"type":"content_block_stop","index":0}""", typeof(ContentBlockStopEvent))]
    [InlineData("""{"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":1}}""", typeof(MessageDeltaEvent))]
    [InlineData("""{"type":"message_stop"}""", typeof(MessageStopEvent))]
    [InlineData("""{"type":"ping"}""", typeof(PingEvent))]
    [InlineData("""{"type":"error","error":{"type":"api_error","message":"x"}}""", typeof(AnthropicErrorEnvelope))]
    public void ReadEvent_PicksTheTypeByItsTypeMember(string json, Type expected) =>
        Assert.IsType(expected, AnthropicJson.ReadEvent(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void ReadEvent_ReadsMembersWhereverTypeIs()
    {
        var e = Assert.IsType<ContentBlockDeltaEvent>(AnthropicJson.ReadEvent("""{"index":2,"delta":{"type":"text_delta","text":"hé"},"type":"content_block_delta"}"""u8));

        Assert.Equal(2, e.Index);
        Assert.Equal("hé", e.Delta!.Text);
    }

    [Theory]
    [InlineData("""{"type":"signature_block","x":1}""")]
    [InlineData("""{"no_type":1}""")]
    [InlineData("""{"type":null}""")]
    public void ReadEvent_UnknownOrUntyped_IsSkipped(string json) => Assert.Null(AnthropicJson.ReadEvent(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("null")]
    [InlineData("[1]")]
    [InlineData("""{"type":5}""")]
    [InlineData("""{"type":"ping",""")]
    [InlineData("""{"type":"content_block_stop","index":"x"}""")]
    public void ReadEvent_NotAnEventObject_Throws(string json) =>
        Assert.ThrowsAny<JsonException>(() => AnthropicJson.ReadEvent(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void ReadMessage_ErrorBody_GivesTheError()
    {
        Assert.Null(AnthropicJson.ReadMessage("""{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"""u8, out var error));
        Assert.Equal(("overloaded_error", "Overloaded"), (error!.Error!.Type, error.Error.Message));

        var message = AnthropicJson.ReadMessage("""{"content":[{"type":"thinking","thinking":"t"}],"usage":{"input_tokens":1,"cache_read_input_tokens":2}}"""u8, out error);
        Assert.Null(error);
        Assert.Equal("thinking", message!.Content![0].Type);
        Assert.Equal(2, message.Usage!.CacheReadInputTokens);
    }

    [Theory]
    [InlineData("length", false, null, "max_tokens")]
    [InlineData("length", true, null, "max_tokens")]
    [InlineData("stop", true, null, "tool_use")]
    [InlineData("tool_calls", false, null, "tool_use")]
    [InlineData("stop", false, "END", "stop_sequence")]
    [InlineData("content_filter", false, null, "refusal")]
    [InlineData(null, false, null, "end_turn")]
    public void StopReason_FromTheBackendsFinish(string? finish, bool calledTools, string? stopSequence, string expected) =>
        Assert.Equal(expected, AnthropicMapping.StopReason(finish is null ? null : new ChatFinishReason(finish), calledTools, stopSequence));

    [Theory]
    [InlineData("end_turn", "stop")]
    [InlineData("stop_sequence", "stop")]
    [InlineData("max_tokens", "length")]
    [InlineData("model_context_window_exceeded", "length")]
    [InlineData("tool_use", "tool_calls")]
    [InlineData("refusal", "content_filter")]
    [InlineData("pause_turn", "pause_turn")]
    public void ToFinishReason_FromStopReasons(string stopReason, string expected) =>
        Assert.Equal(expected, AnthropicMapping.ToFinishReason(stopReason)!.Value.Value);

    [Fact]
    public void ToUsageDetails_CachedTokensCountAsInput_LaterReportWins()
    {
        var usage = AnthropicMapping.ToUsageDetails(
            new AnthropicUsage { InputTokens = 5, CacheReadInputTokens = 2, OutputTokens = 1 },
            new AnthropicUsage { OutputTokens = 9, CacheCreationInputTokens = 3 })!;

        Assert.Equal((10L, 9L, 19L, 2L), (usage.InputTokenCount!.Value, usage.OutputTokenCount!.Value, usage.TotalTokenCount!.Value, usage.CachedInputTokenCount!.Value));
        Assert.Equal(3, usage.AdditionalCounts!["cache_creation_input_tokens"]);
        Assert.Null(AnthropicMapping.ToUsageDetails(null, null));
    }

    [Fact]
    public void Content_AdjacentTextMergedAroundToolUse()
    {
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant,
            [new TextContent("a"), new TextContent("b"), new FunctionCallContent("", "f", null), new TextContent("")]));

        var blocks = AnthropicMapping.Content(response, out var calls);

        Assert.Equal(1, calls);
        Assert.Equal(["text", "tool_use"], blocks.Select(b => b.Type));
        Assert.Equal("ab", blocks[0].Text);
        Assert.StartsWith("toolu_", blocks[1].Id, StringComparison.Ordinal);
        Assert.Equal("{}", blocks[1].Input!.Value.GetRawText());
    }

    [Fact]
    public void ToContent_TextThinkingAndToolUse_OthersSkipped()
    {
        Assert.IsType<TextContent>(AnthropicMapping.ToContent(new() { Type = "text", Text = "x" }));
        Assert.Null(AnthropicMapping.ToContent(new() { Type = "text", Text = "" }));
        Assert.IsType<TextReasoningContent>(AnthropicMapping.ToContent(new() { Type = "thinking", Thinking = "t" }));
        var call = Assert.IsType<FunctionCallContent>(AnthropicMapping.ToContent(new() { Type = "tool_use", Id = "t", Name = "f" }));
        Assert.Empty(call.Arguments!);
        Assert.Null(AnthropicMapping.ToContent(new() { Type = "redacted_thinking" }));
    }

    [Theory]
    [InlineData(400, "invalid_request_error")]
    [InlineData(401, "authentication_error")]
    [InlineData(403, "permission_error")]
    [InlineData(404, "not_found_error")]
    [InlineData(413, "request_too_large")]
    [InlineData(415, "invalid_request_error")]
    [InlineData(429, "rate_limit_error")]
    [InlineData(500, "api_error")]
    [InlineData(502, "api_error")]
    [InlineData(503, "overloaded_error")]
    [InlineData(504, "timeout_error")]
    public void ErrorTypes_ForStatus(int status, string type) => Assert.Equal(type, AnthropicErrorTypes.ForStatus(status));

    [Fact]
    public void ToolChoiceType_PerMode()
    {
        Assert.Equal(["none", "any", "tool", "auto", null], new ChatToolMode?[] { ChatToolMode.None, ChatToolMode.RequireAny, ChatToolMode.RequireSpecific("f"), ChatToolMode.Auto, null }
            .Select(AnthropicMapping.ToolChoiceType));
    }
}
