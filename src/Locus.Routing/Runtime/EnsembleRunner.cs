using Microsoft.Extensions.AI;

namespace Locus.Routing.Runtime;

/// <summary>The outcome of a tier-2 run.</summary>
internal sealed record EnsembleResult(
    bool Agreed, double Agreement, double Threshold, int Answers, IReadOnlyList<ChatResponseUpdate> Updates, TokenTotals Totals, TimeSpan? TimeToFirstToken);

/// <summary>
/// Tier 2: every member answers (each sample with its own seed, sampled at the request's temperature or 0.7, since
/// identical greedy answers would prove nothing), then the answers' agreement decides whether the local answer
/// stands or the request escalates.
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
                    sample.Temperature ??= SamplingTemperature;
                runs.Add(RunOneAsync(member, messages, sample, cancellationToken));
            }
        }

        var responses = await Task.WhenAll(runs).ConfigureAwait(false);
        var texts = responses.Select(r => r.Text).ToArray();
        var (mean, medoid) = Agreement.Measure(texts);
        var totals = responses.Aggregate(default(TokenTotals), (sum, r) => sum + TokenTotals.From(r.Usage, messages, r.Text.Length));
        var chosen = responses[medoid];
        return new EnsembleResult(mean >= ensemble.Agreement, mean, ensemble.Agreement, texts.Length, chosen.ToChatResponseUpdates(),
            totals, time.GetElapsedTime(started));
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
