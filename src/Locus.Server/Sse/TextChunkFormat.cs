using Locus.Server.Endpoints;
using Locus.Server.Protocol;

namespace Locus.Server.Sse;

/// <summary>text_completion events: text deltas, then an empty text with the finish reason, then usage if asked.</summary>
internal sealed class TextChunkFormat(ResponseMeta meta, bool includeUsage) : IChunkFormat
{
    public bool IncludeUsage => includeUsage;

    public ValueTask StartAsync(SseWriter sse, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask TextAsync(SseWriter sse, string text, CancellationToken cancellationToken) =>
        WriteAsync(sse, new TextChoice { Text = text }, cancellationToken);

    public ValueTask FinishAsync(SseWriter sse, string finishReason, CancellationToken cancellationToken) =>
        WriteAsync(sse, new TextChoice { Text = "", FinishReason = finishReason }, cancellationToken);

    public ValueTask UsageAsync(SseWriter sse, Usage usage, CancellationToken cancellationToken) =>
        sse.WriteAsync(Chunk([], usage), ServerJsonContext.Wire.TextCompletionWithUsage, cancellationToken);

    private ValueTask WriteAsync(SseWriter sse, TextChoice choice, CancellationToken cancellationToken) => includeUsage
        ? sse.WriteAsync(Chunk([choice], null), ServerJsonContext.Wire.TextCompletionWithUsage, cancellationToken)
        : sse.WriteAsync(new TextCompletion { Id = meta.Id, Created = meta.Created, Model = meta.Model, Choices = [choice] },
            ServerJsonContext.Wire.TextCompletion, cancellationToken);

    private TextCompletionWithUsage Chunk(TextChoice[] choices, Usage? usage) =>
        new() { Id = meta.Id, Created = meta.Created, Model = meta.Model, Choices = choices, Usage = usage };
}
