using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Locus.Core.Errors;
using Locus.Privacy;
using Locus.Routing.Policy;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Runtime;

/// <summary>
/// One request through the router: decide, run on the chosen target, fall back while nothing has reached the client,
/// restore redacted values in the answer, and record the ledger row before the answer completes (so an acknowledged
/// request always has its row).
/// </summary>
internal sealed class RouteExecution(LocusRouter router, RouterSnapshot snapshot, IReadOnlyList<ChatMessage> messages, ChatOptions? options, RouteTicket ticket)
{
    private readonly RoutingInput _input = router.Input(snapshot, messages, options, ticket.Context);
    private readonly UsageRecorder _recorder = new(router.Services, snapshot, ticket, messages);
    private MemorySteps? _memory;

    private MemorySteps Memory => _memory ??= new MemorySteps(_input.Memory, messages, ticket, router.Services.Logger);

    // A local answer the cascade held back and escalated: sent after all if the cloud then fails before answering.
    private CascadeAnswer? _heldLocal;

    public async Task<ChatResponse> RunAsync(CancellationToken cancellationToken) =>
        await ExecuteAsync(streaming: false, cancellationToken).ToChatResponseAsync(cancellationToken).ConfigureAwait(false);

    public IAsyncEnumerable<ChatResponseUpdate> StreamAsync(CancellationToken cancellationToken) => ExecuteAsync(streaming: true, cancellationToken);

    /// <summary>
    /// Streaming yields each update as it comes, so only a failure before the first one can fall back; otherwise an
    /// attempt's updates are held until it completes, so a failure at any point (a dropped stream too) can.
    /// </summary>
    private async IAsyncEnumerable<ChatResponseUpdate> ExecuteAsync(bool streaming, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var decision = await DecideAsync(cancellationToken).ConfigureAwait(false);
        var steps = new List<RouteStep>(decision.Fallbacks.Count + 1) { new(decision.Tier, decision.Target, "chosen") };
        steps.AddRange(decision.Fallbacks);

        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var next = i + 1 < steps.Count ? steps[i + 1] : null;
            Start(step, decision);
            if (step.Tier == 2 && !PeerRequest.IsPeer(snapshot, step.Target))
            {
                EnsembleResult result;
                try
                {
                    result = await new EnsembleRunner(snapshot, router.Services.Time).RunAsync(Memory.ForLocal(step.Target), TargetOptions(), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (next is not null && Fallback.Allows(ex, cancellationToken))
                {
                    NoteFallback(step, next, ex);
                    continue;
                }
                catch (Exception ex)
                {
                    await _recorder.FailedAsync(ex).ConfigureAwait(false);
                    throw;
                }

                if (!result.Agreed && next is not null)
                {
                    ticket.Note("ensemble", $"answers disagreed: {result.Verdict} → tier {next.Tier} ({next.Target})");
                    continue;
                }

                ticket.Note("ensemble", result.Agreed
                    ? $"{result.Answers} answers agreed: {result.Verdict}"
                    : $"answers disagreed: {result.Verdict}, and nothing can take it further; returning the {result.Returned}");
                _recorder.Add(result.Totals, result.TimeToFirstToken);
                await _recorder.SucceededAsync(cancellationToken).ConfigureAwait(false);
                foreach (var update in result.Updates)
                {
                    yield return update;
                }

                yield break;
            }

            var target = snapshot.Find(step.Target)!;
            if (CascadeRunner.Applies(snapshot, decision, i, next))
            {
                CascadeAnswer answer;
                try
                {
                    var sent = Memory.For(target);
                    answer = await new CascadeRunner(snapshot.Routing.Cascade!).RunAsync(target, sent, TargetOptions(), _recorder.BeginAttempt(target, sent), cancellationToken)
                        .ConfigureAwait(false);
                }
                catch (Exception ex) when (Fallback.Allows(ex, cancellationToken))
                {
                    NoteFallback(step, next!, ex);
                    continue;
                }
                catch (Exception ex)
                {
                    await _recorder.FailedAsync(ex).ConfigureAwait(false);
                    throw;
                }

                Log.Cascaded(router.Services.Logger, answer.Target, answer.Accepted ? "kept" : "escalated", answer.Detail);
                if (!answer.Accepted)
                {
                    ticket.Note("cascade", $"{answer.Detail} → {next!.Target}");
                    _heldLocal = answer;
                    continue;
                }

                ticket.Note("cascade", answer.Detail);
                foreach (var update in await SendHeldAsync(answer, cancellationToken).ConfigureAwait(false))
                {
                    yield return update;
                }

                yield break;
            }

            var redaction = decision.Redact && !target.OnDevice ? Redaction.Create(router.Services.Scanner) : null;
            var stepMessages = Memory.For(target);
            var outgoing = redaction is null ? stepMessages : MessageRedactor.Redact(stepMessages, redaction);
            ticket.Redactions = redaction?.Count ?? 0;
            var restorer = redaction?.CreateStreamingRestorer();
            var buffer = streaming ? null : new List<ChatResponseUpdate>();
            var committed = false;
            Exception? failure = null;
            var attempt = _recorder.BeginAttempt(target, stepMessages);

            var targetOptions = PeerRequest.Options(target, decision, TargetOptions());
            var updates = target.Client.GetStreamingResponseAsync(outgoing, targetOptions, cancellationToken).GetAsyncEnumerator(cancellationToken);
            await using (updates.ConfigureAwait(false))
            {
                while (true)
                {
                    bool more;
                    try
                    {
                        more = await updates.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (Exception ex)
                    {
                        failure = ex;
                        break;
                    }

                    if (!more)
                    {
                        break;
                    }

                    var update = attempt.Observe(updates.Current);
                    if (restorer is not null)
                    {
                        update = MessageRedactor.Restore(update, restorer, redaction!);
                    }

                    if (buffer is not null)
                    {
                        buffer.Add(update);
                        continue;
                    }

                    committed = true;
                    yield return update;
                }
            }

            if (failure is not null)
            {
                if (!committed && next is not null && Fallback.Allows(failure, cancellationToken))
                {
                    NoteFallback(step, next, failure);
                    continue;
                }

                if (!committed && _heldLocal is { } held && !cancellationToken.IsCancellationRequested)
                {
                    ticket.Note("cascade", $"{step.Target} failed ({Why(failure)}) → the local answer after all (degraded)");
                    ticket.Tier = 1;
                    ticket.Target = held.Target;
                    ticket.Degraded = true;
                    foreach (var update in await SendHeldAsync(held, cancellationToken).ConfigureAwait(false))
                    {
                        yield return update;
                    }

                    yield break;
                }

                await _recorder.FailedAsync(failure).ConfigureAwait(false);
                ExceptionDispatchInfo.Throw(failure);
            }

            if (restorer?.Flush() is { Length: > 0 } tail)
            {
                (buffer ??= []).Add(new ChatResponseUpdate(ChatRole.Assistant, tail));
            }

            attempt.Complete();
            await _recorder.SucceededAsync(cancellationToken).ConfigureAwait(false);
            foreach (var update in buffer ?? [])
            {
                yield return update;
            }

            yield break;
        }
    }

    /// <summary>
    /// Charges a held-back local answer to the row and commits it. Its first token reaches the client only now, after
    /// the whole local generation, so that is the time to first token recorded.
    /// </summary>
    private async Task<IReadOnlyList<ChatResponseUpdate>> SendHeldAsync(CascadeAnswer answer, CancellationToken cancellationToken)
    {
        _recorder.Add(answer.Tokens, _recorder.Elapsed);
        await _recorder.SucceededAsync(cancellationToken).ConfigureAwait(false);
        return answer.Updates;
    }

    private async Task<RouteDecision> DecideAsync(CancellationToken cancellationToken)
    {
        RouteDecision decision;
        try
        {
            decision = router.Policy.Decide(snapshot, _input, ticket.Context);
        }
        catch (LocusException ex)
        {
            await _recorder.RefusedAsync(ex.Error, cancellationToken).ConfigureAwait(false);
            throw;
        }

        ticket.Decision = decision;
        ticket.Degraded = decision.Degraded;
        var logger = router.Services.Logger;
        if (logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Information))
        {
            var reasons = ticket.ReasonHeader();
            Log.Decided(logger, ticket.Context.Client, decision.Tier, decision.Target, reasons);
        }
        if (decision.Refusal is { } refusal)
        {
            await _recorder.RefusedAsync(refusal, cancellationToken).ConfigureAwait(false);
            throw new LocusException(refusal);
        }

        return decision;
    }

    private void Start(RouteStep step, RouteDecision decision)
    {
        ticket.Tier = step.Tier;
        ticket.Target = step.Target;
        // Answered below the tier decided because the cloud or a peer failed: degraded.
        if (step.Tier < decision.Tier && (decision.Tier == 3 || PeerRequest.IsPeer(snapshot, decision.Target)))
        {
            ticket.Degraded = true;
        }
    }

    private static string Why(Exception error) => error is LocusException le ? le.Error.Code ?? le.Error.Kind.ToString() : error.GetType().Name;

    private void NoteFallback(RouteStep failed, RouteStep next, Exception error)
    {
        var why = Why(error);
        ticket.Note("fallback", $"{failed.Target} failed ({why}) → tier {next.Tier} ({next.Target})");
        Log.FellBack(router.Services.Logger, failed.Target, next.Target, why);
    }

    /// <summary>The caller's options minus routing-only state: targets use their own configured model.</summary>
    private ChatOptions? TargetOptions()
    {
        if (options is null)
        {
            return null;
        }

        var copy = options.Clone();
        copy.ModelId = null;
        if (copy.AdditionalProperties is { } extra && extra.ContainsKey(RouteTicket.OptionsKey))
        {
            extra = new AdditionalPropertiesDictionary(extra);
            extra.Remove(RouteTicket.OptionsKey);
            copy.AdditionalProperties = extra.Count == 0 ? null : extra;
        }

        return copy;
    }
}

/// <summary>Which failures another target may answer instead: the target's trouble, not the request's.</summary>
internal static class Fallback
{
    public static bool Allows(Exception error, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        return error switch
        {
            LocusException
            {
                Error.Kind: LocusErrorKind.Unavailable or LocusErrorKind.UpstreamFailed or LocusErrorKind.UpstreamTimeout
                or LocusErrorKind.Overloaded or LocusErrorKind.ContextOverflow
            } => true,
            HttpRequestException or TimeoutException or OperationCanceledException or IOException => true,
            _ => false,
        };
    }
}
