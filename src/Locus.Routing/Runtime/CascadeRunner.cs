using System.Globalization;
using Locus.Core.Abstractions;
using Locus.Routing.Options;
using Locus.Routing.Policy;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Runtime;

/// <summary>A held-back local answer and whether the cascade keeps it.</summary>
/// <param name="Accepted">Confident enough (or nothing to judge by): send it.</param>
/// <param name="Detail">The cascade's reason, without the escalation target.</param>
/// <param name="Tokens">Its tokens, charged to the row only if it is the answer sent.</param>
internal sealed record CascadeAnswer(string Target, bool Accepted, string Detail, IReadOnlyList<ChatResponseUpdate> Updates, TokenTotals Tokens);

/// <summary>
/// The confidence cascade's local half: the fast target answers in full, held back (streaming clients too), with the
/// model's token log probabilities measured; the answer's confidence then decides whether it is sent or the request
/// escalates to the cloud.
/// </summary>
internal sealed class CascadeRunner(CascadeOptions cascade)
{
    /// <summary>Tier 1 chosen, not degraded, and the decision's next step is the cloud: only then may it escalate.</summary>
    public static bool Applies(RouterSnapshot snapshot, RouteDecision decision, int step, RouteStep? next) =>
        snapshot.Routing.Cascade is not null && step == 0 && decision.Tier == 1 && !decision.Degraded && next is { Tier: 3 };

    public async Task<CascadeAnswer> RunAsync(RouteTarget local, IReadOnlyList<ChatMessage> messages, ChatOptions? options,
        UsageRecorder.Attempt attempt, CancellationToken cancellationToken)
    {
        var measured = options?.Clone() ?? new ChatOptions();
        measured.AdditionalProperties = new AdditionalPropertiesDictionary(measured.AdditionalProperties ?? [])
        {
            [LocusChatOptions.MeasureConfidence] = true,
        };
        var capped = cascade.MaxLocalTokens is { } cap && (measured.MaxOutputTokens is not { } asked || cap < asked);
        if (capped)
        {
            measured.MaxOutputTokens = cascade.MaxLocalTokens;
        }

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in local.Client.GetStreamingResponseAsync(messages, measured, cancellationToken).ConfigureAwait(false))
        {
            updates.Add(attempt.Observe(update));
        }

        var tokens = attempt.Complete(charge: false);

        var confidence = updates.Select(u => GenerationConfidence.From(u.AdditionalProperties)).LastOrDefault(c => c is not null);
        var finish = updates.Select(u => u.FinishReason).LastOrDefault(f => f is not null);
        if (capped && finish == ChatFinishReason.Length)
        {
            return new CascadeAnswer(local.Name, false, $"local answer reached max_local_tokens ({cascade.MaxLocalTokens}) unfinished", updates, tokens);
        }

        if (confidence is null)
        {
            return new CascadeAnswer(local.Name, true, $"{local.Name} reported no confidence; local answer kept", updates, tokens);
        }

        var score = cascade.Score(confidence);
        var accepted = score >= cascade.MinConfidence;
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"local confidence {score:0.00} {(accepted ? "≥" : "<")} {cascade.MinConfidence:0.00} ({cascade.MetricName}, {confidence.Tokens} tokens)");
        return new CascadeAnswer(local.Name, accepted, detail, updates, tokens);
    }
}
