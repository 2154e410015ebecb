using Locus.Routing.Ensembles;
using Locus.Routing.Options;
using Locus.Routing.Pipeline;
using Locus.Routing.Policy;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Runtime;

/// <summary>
/// Tier 2: every member answers (each sample with its own seed, sampled at the request's temperature or 0.7, since
/// identical greedy answers would prove nothing), then the answers' agreement decides whether the local answer
/// stands or the request escalates to the next step. Agreement is measured by <see cref="EnsembleOptions.Measure"/>:
/// a vote when the answers are short (letters, numbers, yes/no), word-set similarity otherwise.
/// </summary>
internal sealed class EnsembleStrategy(RouteStep step, RouteStep? next) : IStepStrategy
{
    private const float SamplingTemperature = 0.7f;

    public async Task<StepOutcome> RunAsync(RouteRun run, bool streaming, CancellationToken cancellationToken)
    {
        var ensemble = run.Snapshot.Routing.Ensemble!;
        var started = run.Time.GetTimestamp();
        var (calls, answers) = Ask(run, ensemble, cancellationToken);
        ChatResponse[] responses;
        try
        {
            responses = await Task.WhenAll(answers).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            return new StepOutcome.Failed(ex);
        }

        // The client waits for every member: that is its time to first token.
        var waited = run.Time.GetElapsedTime(started);
        calls.ForEach(run.AddEnergy);
        var measured = Agreement.Measure([.. responses.Select(r => r.Text)], ensemble.Measure);
        var verdict = measured.Describe(ensemble.Agreement);
        if (measured.Score < ensemble.Agreement && next is not null)
        {
            return new StepOutcome.Escalated("ensemble", $"answers disagreed: {verdict} → tier {next.Tier.Text()} ({next.Target})");
        }

        var returned = measured.Measure == AgreementMeasure.Vote ? "plurality answer" : "most central answer";
        run.Note("ensemble", measured.Score >= ensemble.Agreement
            ? $"{measured.Count} answers agreed: {verdict}"
            : $"answers disagreed: {verdict}, and nothing can take it further; returning the {returned}");
        run.Charge(calls.Aggregate(default(TokenTotals), (sum, c) => sum + (c.Usage?.Tokens ?? default)), waited);
        return new StepOutcome.Answered(responses[measured.Chosen].ToChatResponseUpdates());
    }

    /// <summary>Starts every sample of every member at once, each through the member's pipeline.</summary>
    private (List<TargetCall> Calls, List<Task<ChatResponse>> Answers) Ask(RouteRun run, EnsembleOptions ensemble, CancellationToken cancellationToken)
    {
        var calls = new List<TargetCall>();
        var answers = new List<Task<ChatResponse>>();
        var index = 0;
        foreach (var member in ensemble.Targets.Select(name => run.Snapshot.Find(name)!))
        {
            for (var s = 0; s < ensemble.Samples; s++)
            {
                // Every member's memory note names the whole ensemble, so the route shows it once.
                var call = run.CallFor(member, label: step.Target);
                var sample = new TargetChatOptions(run.Options, call) { Seed = (run.Options?.Seed ?? 20_261_121) + (index++ * 7919) };
                if (ensemble.Samples > 1)
                {
                    sample.Temperature ??= SamplingTemperature;
                }

                calls.Add(call);
                answers.Add(run.Pipeline(member).GetResponseAsync(run.Messages, sample, cancellationToken));
            }
        }

        return (calls, answers);
    }
}
