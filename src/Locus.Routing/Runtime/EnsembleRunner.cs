using Locus.Routing.Ensembles;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Runtime;

/// <summary>The outcome of a tier-2 run.</summary>
internal sealed record EnsembleResult(
    AgreementResult Measured, double Threshold, IReadOnlyList<ChatResponseUpdate> Updates, TokenTotals Totals, TimeSpan? TimeToFirstToken)
{
    public bool Agreed => Measured.Score >= Threshold;

    public double Agreement => Measured.Score;

    public int Answers => Measured.Count;

    /// <summary>The measure and its result for the routing reason, e.g. <c>vote 3/4 agree on "B" (0.75 ≥ 0.60)</c>.</summary>
    public string Verdict => Measured.Describe(Threshold);

    /// <summary>Which answer is returned when the ensemble's answer stands despite disagreement.</summary>
    public string Returned => Measured.Measure == AgreementMeasure.Vote ? "plurality answer" : "most central answer";
}

/// <summary>
/// Tier 2: every member answers (each sample with its own seed, sampled at the request's temperature or 0.7, since
/// identical greedy answers would prove nothing), then the answers' agreement decides whether the local answer
/// stands or the request escalates. Agreement is measured by <see cref="EnsembleOptions.Measure"/>: a vote when the
/// answers are short (letters, numbers, yes/no), word-set similarity otherwise.
/// </summary>
internal sealed class EnsembleRunner(RouterSnapshot snapshot, TimeProvider time)
{
    private const float SamplingTemperature = 0.7f;

    public async Task<EnsembleResult> RunAsync(IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        var ensemble = snapshot.Routing.Ensemble!;
        var runs = new List<Task<ChatResponse>>();
        var members = ensemble.Targets.Select(name => snapshot.Find(name)!).ToArray();
        var started = time.GetTimestamp();
        var index = 0;
        foreach (var member in members)
        {
            for (var s = 0; s < ensemble.Samples; s++)
            {
                var sample = options?.Clone() ?? new ChatOptions();
                sample.Seed = (options?.Seed ?? 20_261_121) + (index++ * 7919);
                if (ensemble.Samples > 1)
                {
                    sample.Temperature ??= SamplingTemperature;
                }

                runs.Add(RunOneAsync(member, messages, sample, cancellationToken));
            }
        }

        var responses = await Task.WhenAll(runs).ConfigureAwait(false);
        var texts = responses.Select(r => r.Text).ToArray();
        var measured = Agreement.Measure(texts, ensemble.Measure);
        var totals = responses.Aggregate(default(TokenTotals), (sum, r) => sum + TokenTotals.From(r.Usage, messages, r.Text.Length));
        var chosen = responses[measured.Chosen];
        return new EnsembleResult(measured, ensemble.Agreement, chosen.ToChatResponseUpdates(), totals, time.GetElapsedTime(started));
    }

    private async Task<ChatResponse> RunOneAsync(RouteTarget member, IReadOnlyList<ChatMessage> messages, ChatOptions options, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var response = await member.Client.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        var elapsed = time.GetElapsedTime(started);
        var tokens = TokenTotals.From(response.Usage, messages, response.Text.Length);
        member.Stats.Record(elapsed, elapsed, tokens.Input, tokens.Output);
        return response;
    }
}
