using Locus.Server.Endpoints;
using Locus.Server.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;

namespace Locus.Server.Sse;

internal readonly record struct StreamResult(string FinishReason, Usage Usage);

/// <summary>Turns a stream of <see cref="ChatResponseUpdate"/>s into OpenAI's SSE events, ending with <c>[DONE]</c>.</summary>
internal static class StreamPump
{
    public static async Task<StreamResult> RunAsync(
        HttpContext context, IAsyncEnumerable<ChatResponseUpdate> updates, IChunkFormat format, CancellationToken cancellationToken)
    {
        await using var e = updates.GetAsyncEnumerator(cancellationToken);
        // Headers wait for the first update: a failure before any output (queue full, prompt too long) still gets
        // its own HTTP status and JSON body instead of an error event inside a 200 stream.
        var more = await e.MoveNextAsync();
        var sse = SseWriter.Start(context);
        await format.StartAsync(sse, cancellationToken);

        ChatFinishReason? finish = null;
        UsageDetails? usage = null;
        for (; more; more = await e.MoveNextAsync())
        {
            var update = e.Current;
            var text = update.Text;
            if (text.Length > 0)
                await format.TextAsync(sse, text, cancellationToken);
            finish = update.FinishReason ?? finish;
            usage = OpenAIMapping.FindUsage(update) ?? usage;
        }

        var result = new StreamResult(OpenAIMapping.FinishReason(finish), OpenAIMapping.Usage(usage));
        await format.FinishAsync(sse, result.FinishReason, cancellationToken);
        if (format.IncludeUsage)
            await format.UsageAsync(sse, result.Usage, cancellationToken);
        await sse.WriteDoneAsync(cancellationToken);
        return result;
    }
}
