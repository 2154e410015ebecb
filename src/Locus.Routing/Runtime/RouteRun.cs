using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Locus.Core.Errors;
using Locus.Routing.Options;
using Locus.Routing.Pipeline;
using Locus.Routing.Policy;
using Locus.Routing.Signals;
using Locus.Routing.Targets;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Locus.Routing.Runtime;

/// <summary>
/// One request through the router: decide, then run the decision's steps (the chosen target, then its fallbacks)
/// until one answers, and write the ledger row before the answer completes. What each step does to the request on
/// its way to a target (memory, redaction, usage, confidence, peer privacy) is the target's pipeline; what a step is
/// (one target, an ensemble, a cascade) is its <see cref="IStepStrategy"/>. Publishes every change of the route on
/// the request's <see cref="RouteCall"/>.
/// </summary>
internal sealed partial class RouteRun : IAttemptObserver
{
    private readonly LocusRouter _router;
    private readonly RouterState _state;
    private readonly RouteCall _call;
    private readonly RoutingInput _input;
    private readonly RouteLedger _ledger;
    private readonly Lock _gate = new();
    private RouteResult? _result;
    private HeldAnswer? _held;

    public RouteRun(LocusRouter router, RouterState state, IReadOnlyList<ChatMessage> messages, ChatOptions? options, RouteCall call)
    {
        _router = router;
        _state = state;
        _call = call;
        Messages = messages;
        Options = options;
        _input = router.Input(state.Snapshot, messages, options, call.Context);
        _ledger = new RouteLedger(router.Services, state.Snapshot, call.Context, messages);
    }

    public IReadOnlyList<ChatMessage> Messages { get; }

    /// <summary>The caller's options; targets get them without the model id (<see cref="TargetChatOptions"/>).</summary>
    public ChatOptions? Options { get; }

    public RouterSnapshot Snapshot => _state.Snapshot;

    public TimeProvider Time => _router.Services.Time;

    public ILogger Logger => _router.Services.Logger;

    private RouteDecision Decision => _result!.Decision;

    public async Task<ChatResponse> RunAsync(CancellationToken cancellationToken) =>
        await ExecuteAsync(streaming: false, cancellationToken).ToChatResponseAsync(cancellationToken).ConfigureAwait(false);

    public IAsyncEnumerable<ChatResponseUpdate> StreamAsync(CancellationToken cancellationToken) => ExecuteAsync(streaming: true, cancellationToken);

    private async IAsyncEnumerable<ChatResponseUpdate> ExecuteAsync(bool streaming, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var decision = await DecideAsync(cancellationToken).ConfigureAwait(false);
        var steps = (IReadOnlyList<RouteStep>)[new RouteStep(decision.Tier, decision.Target, "chosen"), .. decision.Fallbacks];
        StepOutcome? answer = null;
        for (var i = 0; answer is null; i++)
        {
            var step = steps[i];
            var next = i + 1 < steps.Count ? steps[i + 1] : null;
            Begin(step);
            var outcome = await Strategy(i, step, next).RunAsync(this, streaming, cancellationToken).ConfigureAwait(false);
            answer = await SettleAsync(outcome, step, next, cancellationToken).ConfigureAwait(false);
        }

        if (answer is StepOutcome.Answered { Updates: var whole })
        {
            foreach (var update in whole)
            {
                yield return update;
            }
        }
        else if (answer is StepOutcome.Streaming { Updates: var stream })
        {
            var updates = stream.GetAsyncEnumerator(cancellationToken);
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
                        // The answer was committed (streamed): nothing can take over now.
                        await _ledger.FailedAsync(_result, ex).ConfigureAwait(false);
                        throw;
                    }

                    if (!more)
                    {
                        break;
                    }

                    yield return updates.Current;
                }
            }
        }

        await _ledger.SucceededAsync(_result, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ensemble members, a cascade's local half, or one target.</summary>
    private IStepStrategy Strategy(int index, RouteStep step, RouteStep? next)
    {
        if (step.Tier == RouteTier.Ensemble && !Snapshot.IsPeer(step.Target))
        {
            return new EnsembleStrategy(step, next);
        }

        var target = Snapshot.Find(step.Target)!;
        return CascadeStrategy.Applies(Snapshot, Decision, index, next)
            ? new CascadeStrategy(target, Snapshot.Routing.Cascade!, next!)
            : new SingleTargetStrategy(target);
    }

    /// <summary>The answer to send; or null to go on with the next step; or the step's failure, recorded and thrown.</summary>
    private async Task<StepOutcome?> SettleAsync(StepOutcome outcome, RouteStep step, RouteStep? next, CancellationToken cancellationToken)
    {
        switch (outcome)
        {
            case StepOutcome.Answered or StepOutcome.Streaming:
                return outcome;
            case StepOutcome.Escalated escalated:
                Note(escalated.Signal, escalated.Detail);
                _held = escalated.Held ?? _held;
                return null;
            case StepOutcome.Failed { Error: var error } when next is not null && Fallback.Allows(error, cancellationToken):
                Note("fallback", $"{step.Target} failed ({Fallback.Why(error)}) → tier {next.Tier.Text()} ({next.Target})");
                Log.FellBack(Logger, step.Target, next.Target, Fallback.Why(error));
                return null;
            case StepOutcome.Failed { Error: var error } when _held is { } held && !cancellationToken.IsCancellationRequested:
                Note("cascade", $"{step.Target} failed ({Fallback.Why(error)}) → the local answer after all (degraded)");
                Publish(_result! with { Tier = RouteTier.Local, Target = held.Target, Degraded = true });
                ChargeHeld(held.Tokens);
                return new StepOutcome.Answered(held.Updates);
            case StepOutcome.Failed { Error: var error }:
                await _ledger.FailedAsync(_result, error).ConfigureAwait(false);
                ExceptionDispatchInfo.Throw(error);
                return null;
            default:
                throw new InvalidOperationException($"unknown step outcome {outcome}");
        }
    }

    private async Task<RouteDecision> DecideAsync(CancellationToken cancellationToken)
    {
        RouteDecision decision;
        try
        {
            decision = _router.Policy.Decide(Snapshot, _input, _call.Context);
        }
        catch (LocusException ex)
        {
            await _ledger.RefusedAsync(null, ex.Error, cancellationToken).ConfigureAwait(false);
            throw;
        }

        Publish(RouteResult.Decided(decision));
        if (Logger.IsEnabled(LogLevel.Information))
        {
            var reasons = _result!.ReasonHeader();
            Log.Decided(Logger, _call.Context.Client, (int)decision.Tier, decision.Target, reasons);
        }

        if (decision.Refusal is { } refusal)
        {
            await _ledger.RefusedAsync(_result, refusal, cancellationToken).ConfigureAwait(false);
            throw new LocusException(refusal);
        }

        return decision;
    }

    /// <summary>A step starts: it answers now. Below the tier decided because the cloud or a peer failed, it is degraded.</summary>
    private void Begin(RouteStep step)
    {
        var decision = Decision;
        var degraded = _result!.Degraded || (step.Tier < decision.Tier && (decision.Tier == RouteTier.Cloud || Snapshot.IsPeer(decision.Target)));
        if (_result.Tier != step.Tier || _result.Target != step.Target || _result.Degraded != degraded)
        {
            // A clamp reported by an earlier step's target does not apply to this one's answer.
            Publish(_result with { Tier = step.Tier, Target = step.Target, Degraded = degraded, MaxTokensClamp = null });
        }
    }
}
