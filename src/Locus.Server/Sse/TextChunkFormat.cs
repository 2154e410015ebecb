using Locus.Core.Abstractions;
using Locus.Wire.OpenAI;
using Microsoft.Extensions.AI;

namespace Locus.Server.Sse;

/// <summary>text_completion events: text deltas, then an empty text with the finish reason, then usage if asked, then <c>[DONE]</c>.</summary>
internal sealed class TextChunkFormat(ResponseMeta meta, bool includeUsage) : IChunkFormat
{
    public ValueTask StartAsync(SseWriter sse, ChatResponseUpdate? first, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask TextAsync(SseWriter sse, string text, CancellationToken cancellationToken) =>
        WriteAsync(sse, new TextChoice { Text = text }, cancellationToken);

    // A raw prompt has no tools to call; the legacy text_completion object has no place for a call either.
    public ValueTask ToolCallAsync(SseWriter sse, FunctionCallContent call, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask ToolCallDeltaAsync(SseWriter sse, ToolCallDeltaContent delta, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask ToolCallEndAsync(SseWriter sse, int index, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public async ValueTask<StreamResult> FinishAsync(SseWriter sse, StreamEnd end, CancellationToken cancellationToken)
    {
        var result = new StreamResult(OpenAIMapping.FinishReason(end.Finish), end.Usage);
        await WriteAsync(sse, new TextChoice { Text = "", FinishReason = result.FinishReason }, cancellationToken).ConfigureAwait(false);
        if (includeUsage)
        {
            await sse.WriteAsync(Chunk([], OpenAIMapping.Usage(end.Usage)), OpenAIJson.TextCompletion, cancellationToken).ConfigureAwait(false);
        }

        await sse.WriteDoneAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    private ValueTask WriteAsync(SseWriter sse, TextChoice choice, CancellationToken cancellationToken) =>
        sse.WriteAsync(Chunk([choice], null), includeUsage ? OpenAIJson.TextCompletion : OpenAIJson.TextCompletionWithoutUsage, cancellationToken);

    private TextCompletion Chunk(TextChoice[] choices, CompletionUsage? usage) =>
        new() { Id = meta.Id, Created = meta.Created, Model = meta.Model, Choices = choices, Usage = usage };
}
