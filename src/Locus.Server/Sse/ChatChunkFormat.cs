using System.Text.Json.Serialization.Metadata;
using Locus.Wire.OpenAI;
using Microsoft.Extensions.AI;

namespace Locus.Server.Sse;

/// <summary>
/// chat.completion.chunk events: a first delta with the role and empty content, content and tool-call deltas, an
/// empty delta with the finish reason, (when asked) a usage chunk with no choices, then <c>[DONE]</c>; every chunk
/// repeats id, created and model.
/// </summary>
internal sealed class ChatChunkFormat(ResponseMeta meta, bool includeUsage) : IChunkFormat
{
    private int _toolCalls;

    public ValueTask StartAsync(SseWriter sse, ChatResponseUpdate? first, CancellationToken cancellationToken) =>
        WriteAsync(sse, new ChatDelta { Role = "assistant", Content = "" }, null, cancellationToken);

    public ValueTask TextAsync(SseWriter sse, string text, CancellationToken cancellationToken) =>
        WriteAsync(sse, new ChatDelta { Content = text }, null, cancellationToken);

    public ValueTask ToolCallAsync(SseWriter sse, FunctionCallContent call, CancellationToken cancellationToken) =>
        WriteAsync(sse, new ChatDelta { ToolCalls = [OpenAIMapping.ToolCall(call, _toolCalls++)] }, null, cancellationToken);

    public async ValueTask<StreamResult> FinishAsync(SseWriter sse, StreamEnd end, CancellationToken cancellationToken)
    {
        var result = new StreamResult(OpenAIMapping.FinishReason(end.Finish, end.ToolCalls > 0), end.Usage);
        await WriteAsync(sse, new ChatDelta(), result.FinishReason, cancellationToken).ConfigureAwait(false);
        if (includeUsage)
        {
            await sse.WriteAsync(Chunk([], OpenAIMapping.Usage(end.Usage)), OpenAIJson.ChatCompletionChunk, cancellationToken).ConfigureAwait(false);
        }

        await sse.WriteDoneAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    private ValueTask WriteAsync(SseWriter sse, ChatDelta delta, string? finishReason, CancellationToken cancellationToken) =>
        sse.WriteAsync(Chunk([new() { Delta = delta, FinishReason = finishReason }], null), ChunkType, cancellationToken);

    // With include_usage every chunk has "usage": null, and the totals come last; without it, no usage member at all.
    private JsonTypeInfo<ChatCompletionChunk> ChunkType => includeUsage ? OpenAIJson.ChatCompletionChunk : OpenAIJson.ChatCompletionChunkWithoutUsage;

    private ChatCompletionChunk Chunk(ChunkChoice[] choices, CompletionUsage? usage) =>
        new() { Id = meta.Id, Created = meta.Created, Model = meta.Model, Choices = choices, Usage = usage };
}
