using System.Runtime.CompilerServices;
using Locus.Routing.Pipeline;
using Locus.Routing.Targets;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Runtime;

/// <summary>
/// One target answers. Streaming, its answer is committed once the first update arrives, so only a failure before
/// that can fall back; otherwise the whole answer is read first, so a failure at any point (a dropped stream too) can.
/// Upstream calls always stream, so time to first token feeds the latency model either way.
/// </summary>
internal sealed class SingleTargetStrategy(RouteTarget target) : IStepStrategy
{
    public async Task<StepOutcome> RunAsync(RouteRun run, bool streaming, CancellationToken cancellationToken)
    {
        var call = run.CallFor(target);
        run.Redacted(0);
        var updates = run.Pipeline(target).GetStreamingResponseAsync(run.Messages, new TargetChatOptions(run.Options, call), cancellationToken);
        if (!streaming)
        {
            var answer = new List<ChatResponseUpdate>();
            try
            {
                await foreach (var update in updates.ConfigureAwait(false))
                {
                    answer.Add(update);
                }
            }
            catch (Exception ex)
            {
                return new StepOutcome.Failed(ex);
            }

            run.Charge(call);
            return new StepOutcome.Answered(answer);
        }

        var stream = updates.GetAsyncEnumerator(cancellationToken);
        bool any;
        try
        {
            any = await stream.MoveNextAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            return new StepOutcome.Failed(ex);
        }

        return new StepOutcome.Streaming(ContinueAsync(stream, any, run, call));
    }

    /// <summary>The committed stream from its first update on; the attempt is charged once it completes.</summary>
    private static async IAsyncEnumerable<ChatResponseUpdate> ContinueAsync(IAsyncEnumerator<ChatResponseUpdate> stream, bool any, RouteRun run, TargetCall call)
    {
        await using (stream.ConfigureAwait(false))
        {
            for (var more = any; more; more = await stream.MoveNextAsync().ConfigureAwait(false))
            {
                yield return stream.Current;
            }
        }

        run.Charge(call);
    }
}
