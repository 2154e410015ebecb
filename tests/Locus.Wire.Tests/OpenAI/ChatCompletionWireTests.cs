using System.Text.Json;
using Locus.Wire.OpenAI;

namespace Locus.Wire.Tests.OpenAI;

/// <summary>The chat.completion and chat.completion.chunk objects as the server writes them, and as providers read them.</summary>
public sealed class ChatCompletionWireTests
{
    [Fact]
    public void Completion_Written_HasOpenAIMembersInOrderWithNulls()
    {
        var completion = new ChatCompletion
        {
            Id = "chatcmpl-1",
            Created = 1_750_000_000,
            Model = "m",
            Choices = [new() { Message = new() { Content = "héllo \"q\" <b>" }, FinishReason = "stop" }],
            Usage = OpenAIMapping.Usage(new() { InputTokenCount = 7, OutputTokenCount = 2 }),
        };

        Assert.Equal(
            """{"id":"chatcmpl-1","object":"chat.completion","created":1750000000,"model":"m","system_fingerprint":null,"choices":[{"index":0,"message":{"role":"assistant","content":"héllo \"q\" <b>","refusal":null},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":7,"completion_tokens":2,"total_tokens":9}}""",
            JsonSerializer.Serialize(completion, OpenAIJson.ChatCompletion));
    }

    [Fact]
    public void Completion_OnlyToolCalls_ContentNullAndCallsBeforeRefusal()
    {
        var message = new ChatCompletionMessage { Content = null, ToolCalls = [new() { Id = "call_1", Function = new() { Name = "f", Arguments = "{}" } }] };
        var completion = new ChatCompletion { Id = "c", Created = 1, Model = "m", Choices = [new() { Message = message, FinishReason = "tool_calls" }], Usage = OpenAIMapping.Usage(null) };

        var json = JsonSerializer.Serialize(completion, OpenAIJson.ChatCompletion);

        Assert.Contains("""
            "message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"f","arguments":"{}"}}],"refusal":null}
            """, json, StringComparison.Ordinal);
    }

    [Fact]
    public void Chunk_WithAndWithoutUsage_UsageMemberOnlyWhenAsked()
    {
        var chunk = new ChatCompletionChunk { Id = "c", Created = 1, Model = "m", Choices = [new() { Delta = new() { Role = "assistant", Content = "" } }] };

        Assert.Equal(
            """{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","system_fingerprint":null,"choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}],"usage":null}""",
            JsonSerializer.Serialize(chunk, OpenAIJson.ChatCompletionChunk));
        Assert.Equal(
            """{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","system_fingerprint":null,"choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}""",
            JsonSerializer.Serialize(chunk, OpenAIJson.ChatCompletionChunkWithoutUsage));
    }

    [Fact]
    public void Delta_StreamedToolCall_IndexFirstAndEmptyDeltaIsAnEmptyObject()
    {
        var delta = new ChatDelta { ToolCalls = [new() { Index = 0, Id = "a", Function = new() { Name = "f", Arguments = "{}" } }] };

        Assert.Contains(
            """"
            "choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"a","type":"function","function":{"name":"f","arguments":"{}"}}]},"logprobs":null,"finish_reason":null}]
            """",
            JsonSerializer.Serialize(new ChatCompletionChunk { Choices = [new() { Delta = delta }] }, OpenAIJson.ChatCompletionChunkWithoutUsage), StringComparison.Ordinal);
        Assert.Contains(
            """"
            "choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]
            """",
            JsonSerializer.Serialize(new ChatCompletionChunk { Choices = [new() { Delta = new(), FinishReason = "stop" }] }, OpenAIJson.ChatCompletionChunkWithoutUsage), StringComparison.Ordinal);
    }

    [Fact]
    public void Completion_ReadFromACompatibleServer_MissingMembersAreNull()
    {
        var completion = JsonSerializer.Deserialize("""{"object":"something.else","choices":[{"message":{"content":"x","reasoning_content":"r"},"logprobs":{"content":[]}}],"usage":{"prompt_tokens":3}}""", OpenAIJson.ChatCompletion)!;

        Assert.Null(completion.Id);
        Assert.Null(completion.Created);
        Assert.Equal("chat.completion", completion.Object);
        var choice = Assert.Single(completion.Choices!);
        Assert.Equal("x", choice.Message!.Content);
        Assert.Equal("r", choice.Message.ReasoningContent);
        Assert.Null(choice.FinishReason);
        Assert.Null(choice.Logprobs);
        Assert.Equal(3, completion.Usage!.PromptTokens);
        Assert.Null(completion.Usage.TotalTokens);
    }

    [Fact]
    public void Chunk_ReadWithErrorAndUsageDetails()
    {
        var chunk = JsonSerializer.Deserialize("""{"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":2,"prompt_tokens_details":{"cached_tokens":1},"completion_tokens_details":{"reasoning_tokens":4}},"error":"down"}""", OpenAIJson.ChatCompletionChunk)!;

        Assert.Equal(JsonValueKind.String, chunk.Error!.Value.ValueKind);
        var usage = OpenAIMapping.ToUsageDetails(chunk.Usage)!;
        Assert.Equal((3L, 2L, 5L, 1L, 4L), (usage.InputTokenCount, usage.OutputTokenCount, usage.TotalTokenCount, usage.CachedInputTokenCount, usage.ReasoningTokenCount));
    }

    [Fact]
    public void TextCompletion_WithAndWithoutUsage()
    {
        var text = new TextCompletion { Id = "cmpl-1", Created = 1, Model = "m", Choices = [new() { Text = "x", FinishReason = "length" }], Usage = OpenAIMapping.Usage(new() { InputTokenCount = 1, OutputTokenCount = 1 }) };

        Assert.Equal(
            """{"id":"cmpl-1","object":"text_completion","created":1,"model":"m","system_fingerprint":null,"choices":[{"text":"x","index":0,"logprobs":null,"finish_reason":"length"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}""",
            JsonSerializer.Serialize(text, OpenAIJson.TextCompletion));
        Assert.DoesNotContain("usage", JsonSerializer.Serialize(text, OpenAIJson.TextCompletionWithoutUsage), StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorEnvelope_KeepsNulls()
    {
        var envelope = new OpenAIErrorEnvelope { Error = new() { Message = "m", Type = "invalid_request_error" } };

        Assert.Equal("""{"error":{"message":"m","type":"invalid_request_error","param":null,"code":null}}""", JsonSerializer.Serialize(envelope, OpenAIJson.ErrorEnvelope));
    }

    [Fact]
    public void Models_ListAndEntry()
    {
        var list = new ModelList { Data = [new() { Id = "a", Created = 5, OwnedBy = "locus" }] };

        Assert.Equal("""{"object":"list","data":[{"id":"a","object":"model","created":5,"owned_by":"locus"}]}""", JsonSerializer.Serialize(list, OpenAIJson.ModelList));
    }
}
