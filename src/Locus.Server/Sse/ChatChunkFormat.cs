using Locus.Server.Endpoints;
using Locus.Server.Protocol;

namespace Locus.Server.Sse;

/// <summary>
/// chat.completion.chunk events: a first delta with the role and empty content, content deltas, an empty delta with
/// the finish reason, and (when asked) a usage chunk with no choices; every chunk repeats id, created and model.
/// </summary>
internal sealed class ChatChunkFormat(ResponseMeta meta, bool includeUsage) : IChunkFormat
{
    public bool IncludeUsage => includeUsage;

    public ValueTask StartAsync(SseWriter sse, CancellationToken cancellationToken) =>
        WriteAsync(sse, new ChatDelta { Role = "assistant", Content = "" }, null, cancellationToken);

    public ValueTask TextAsync(SseWriter sse, string text, CancellationToken cancellationToken) =>
        WriteAsync(sse, new ChatDelta { Content = text }, null, cancellationToken);

    public ValueTask FinishAsync(SseWriter sse, string finishReason, CancellationToken cancellationToken) =>
        WriteAsync(sse, new ChatDelta(), finishReason, cancellationToken);

    public ValueTask UsageAsync(SseWriter sse, Usage usage, CancellationToken cancellationToken) =>
        sse.WriteAsync(Chunk([], usage), ServerJsonContext.Wire.ChatChunkWithUsage, cancellationToken);

    private ValueTask WriteAsync(SseWriter sse, ChatDelta delta, string? finishReason, CancellationToken cancellationToken)
    {
        ChunkChoice[] choices = [new() { Delta = delta, FinishReason = finishReason }];
        return includeUsage
            ? sse.WriteAsync(Chunk(choices, null), ServerJsonContext.Wire.ChatChunkWithUsage, cancellationToken)
            : sse.WriteAsync(new ChatChunk { Id = meta.Id, Created = meta.Created, Model = meta.Model, Choices = choices },
                ServerJsonContext.Wire.ChatChunk, cancellationToken);
    }

    private ChatChunkWithUsage Chunk(ChunkChoice[] choices, Usage? usage) =>
        new() { Id = meta.Id, Created = meta.Created, Model = meta.Model, Choices = choices, Usage = usage };
}
