using System.Runtime.CompilerServices;
using Locus.Core.Abstractions;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Pipeline;

/// <summary>
/// Measures what a target did for one attempt (time to first token, duration, tokens from its usage report or
/// estimated from the texts) once its answer completes: feeds the target's live stats, which the latency signal
/// predicts from, and leaves the attempt's <see cref="AttemptUsage"/> (energy included) on its <see cref="TargetCall"/>
/// for the router to charge. An answer that fails or is abandoned is not measured.
/// </summary>
internal sealed class UsageMeteringChatClient(IChatClient inner, TimeProvider time) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (TargetChatOptions.CallOf(options) is not { } call)
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }

        var sent = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var started = time.GetTimestamp();
        var response = await base.GetResponseAsync(sent, options, cancellationToken).ConfigureAwait(false);
        var elapsed = time.GetElapsedTime(started);
        // A whole answer at once: its first token arrives with its last.
        Complete(call, TokenTotals.From(response.Usage, sent, response.Text.Length), elapsed, elapsed);
        return response;
    }

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        TargetChatOptions.CallOf(options) is { } call
            ? MeteredAsync(messages as IReadOnlyList<ChatMessage> ?? [.. messages], options, call, cancellationToken)
            : base.GetStreamingResponseAsync(messages, options, cancellationToken);

    private async IAsyncEnumerable<ChatResponseUpdate> MeteredAsync(
        IReadOnlyList<ChatMessage> sent, ChatOptions? options, TargetCall call, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        TimeSpan? firstToken = null;
        UsageDetails? usage = null;
        long chars = 0;
        await foreach (var update in base.GetStreamingResponseAsync(sent, options, cancellationToken).ConfigureAwait(false))
        {
            foreach (var content in update.Contents)
            {
                if (content is UsageContent u)
                {
                    usage = u.Details;
                }
            }

            var text = update.Text;
            if (firstToken is null && (text.Length > 0 || update.Contents.Any(c => c is FunctionCallContent or ToolCallDeltaContent)))
            {
                firstToken = time.GetElapsedTime(started);
            }

            chars += text.Length;
            yield return update;
        }

        Complete(call, TokenTotals.From(usage, sent, chars), firstToken, time.GetElapsedTime(started));
    }

    private static void Complete(TargetCall call, TokenTotals tokens, TimeSpan? firstToken, TimeSpan elapsed)
    {
        var target = call.Target;
        target.Stats.Record(firstToken ?? elapsed, elapsed, tokens.Input, tokens.Output);
        call.Usage = new AttemptUsage(tokens, firstToken, elapsed, Energy.Estimate(target, tokens, elapsed));
    }
}
