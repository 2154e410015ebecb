using System.Globalization;
using Locus.Core.Abstractions;
using Locus.Routing.Options;
using Locus.Routing.Pipeline;
using Locus.Routing.Policy;
using Locus.Routing.Targets;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Runtime;

/// <summary>
/// The confidence cascade's local half: the fast target answers in full, held back (streaming clients too), with the
/// model's token log probabilities measured; the answer's confidence then decides whether it is sent or the request
/// escalates to the cloud (the next step), keeping the local answer in case the cloud fails.
/// </summary>
internal sealed class CascadeStrategy(RouteTarget local, CascadeOptions cascade, RouteStep next) : IStepStrategy
{
    /// <summary>Tier 1 chosen, not degraded, and the decision's next step is the cloud: only then may it escalate.</summary>
    public static bool Applies(RouterSnapshot snapshot, RouteDecision decision, int step, RouteStep? next) =>
        snapshot.Routing.Cascade is not null && step == 0 && decision.Tier == RouteTier.Local && !decision.Degraded && next is { Tier: RouteTier.Cloud };

    public async Task<StepOutcome> RunAsync(RouteRun run, bool streaming, CancellationToken cancellationToken)
    {
        var call = run.CallFor(local, cascade: cascade);
        var updates = new List<ChatResponseUpdate>();
        try
        {
            await foreach (var update in run.Pipeline(local).GetStreamingResponseAsync(run.Messages, new TargetChatOptions(run.Options, call), cancellationToken)
                .ConfigureAwait(false))
            {
                updates.Add(update);
            }
        }
        catch (Exception ex)
        {
            return new StepOutcome.Failed(ex);
        }

        // The device spent the energy whether or not the answer is sent; its tokens are charged only if it is.
        run.AddEnergy(call);
        var tokens = call.Usage?.Tokens ?? default;
        var (accepted, detail) = Judge(updates, run.Options);
        Log.Cascaded(run.Logger, local.Name, accepted ? "kept" : "escalated", detail);
        if (!accepted)
        {
            return new StepOutcome.Escalated("cascade", $"{detail} → {next.Target}", new HeldAnswer(local.Name, updates, tokens));
        }

        run.Note("cascade", detail);
        run.ChargeHeld(tokens);
        return new StepOutcome.Answered(updates);
    }

    /// <summary>Confident enough (or nothing to judge by): keep it; reached the local cap unfinished, or unsure: escalate.</summary>
    private (bool Accepted, string Detail) Judge(List<ChatResponseUpdate> updates, ChatOptions? options)
    {
        var confidence = updates.Select(u => GenerationConfidence.From(u.AdditionalProperties)).LastOrDefault(c => c is not null);
        var finish = updates.Select(u => u.FinishReason).LastOrDefault(f => f is not null);
        if (ConfidenceMeasuringChatClient.Caps(cascade, options) && finish == ChatFinishReason.Length)
        {
            return (false, $"local answer reached max_local_tokens ({cascade.MaxLocalTokens}) unfinished");
        }

        if (confidence is null)
        {
            return (true, $"{local.Name} reported no confidence; local answer kept");
        }

        var score = cascade.Score(confidence);
        var accepted = score >= cascade.MinConfidence;
        return (accepted, string.Create(CultureInfo.InvariantCulture,
            $"local confidence {score:0.00} {(accepted ? "≥" : "<")} {cascade.MinConfidence:0.00} ({cascade.MetricName}, {confidence.Tokens} tokens)"));
    }
}
