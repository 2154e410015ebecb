using Locus.Server.Protocol;

namespace Locus.Server.Sse;

/// <summary>How one endpoint (chat or text completions) spells the events of a stream.</summary>
internal interface IChunkFormat
{
    bool IncludeUsage { get; }

    /// <summary>Before any text (chat sends the assistant role here).</summary>
    ValueTask StartAsync(SseWriter sse, CancellationToken cancellationToken);

    ValueTask TextAsync(SseWriter sse, string text, CancellationToken cancellationToken);

    ValueTask FinishAsync(SseWriter sse, string finishReason, CancellationToken cancellationToken);

    /// <summary>Only when <see cref="IncludeUsage"/>: the extra last chunk with no choices.</summary>
    ValueTask UsageAsync(SseWriter sse, Usage usage, CancellationToken cancellationToken);
}
