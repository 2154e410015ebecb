using System.Text.Json.Serialization.Metadata;
using Locus.Core.Abstractions;
using Locus.Wire.OpenAI;
using Microsoft.Extensions.AI;

namespace Locus.Server.Sse;

/// <summary>
/// chat.completion.chunk events: a first delta with the role and empty content, content and tool-call deltas, an
/// empty delta with the finish reason, (when asked) a usage chunk with no choices, then <c>[DONE]</c>; every chunk
/// repeats id, created and model. A streamed tool call opens with <c>{index, id, type, function: {name, arguments: ""}}</c>
/// and goes on with <c>{index, function: {arguments}}</c> pieces, as OpenAI streams them; a whole call is one delta.
/// </summary>
internal sealed class ChatChunkFormat(ResponseMeta meta, bool includeUsage) : IChunkFormat
{
    /// <summary>The client's tool-call index of each streamed call, by its <see cref="ToolCallDeltaContent.Index"/>.</summary>
    private readonly Dictionary<int, int> _streamed = [];
    private int _toolCalls;

    public ValueTask StartAsync(SseWriter sse, ChatResponseUpdate? first, CancellationToken cancellationToken) =>
        WriteAsync(sse, new ChatDelta { Role = "assistant", Content = "" }, null, cancellationToken);

    public ValueTask TextAsync(SseWriter sse, string text, CancellationToken cancellationToken) =>
        WriteAsync(sse, new ChatDelta { Content = text }, null, cancellationToken);

    public ValueTask ToolCallAsync(SseWriter sse, FunctionCallContent call, CancellationToken cancellationToken) =>
        WriteAsync(sse, new ChatDelta { ToolCalls = [OpenAIMapping.ToolCall(call, _toolCalls++)] }, null, cancellationToken);

    public async ValueTask ToolCallDeltaAsync(SseWriter sse, ToolCallDeltaContent delta, CancellationToken cancellationToken)
    {
        if (!_streamed.TryGetValue(delta.Index, out var index))
        {
            _streamed[delta.Index] = index = _toolCalls++;
            var start = OpenAIMapping.ToolCallStart(index, OpenAIMapping.CallId(delta.CallId), delta.Name, "");
            await WriteAsync(sse, new ChatDelta { ToolCalls = [start] }, null, cancellationToken).ConfigureAwait(false);
        }

        if (delta.ArgumentsDelta.Length > 0)
        {
            var piece = OpenAIMapping.ToolCallPiece(index, delta.ArgumentsDelta);
            await WriteAsync(sse, new ChatDelta { ToolCalls = [piece] }, null, cancellationToken).ConfigureAwait(false);
        }
    }

    // A streamed call needs no closing event: the finish reason ends them all.
    public ValueTask ToolCallEndAsync(SseWriter sse, int index, CancellationToken cancellationToken) => ValueTask.CompletedTask;

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
