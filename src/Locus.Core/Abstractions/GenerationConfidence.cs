using Microsoft.Extensions.AI;

namespace Locus.Core.Abstractions;

/// <summary>
/// How sure a local model was of its own answer, from the full next-token distribution at every generated token
/// (log-softmax of the raw logits at temperature 1: the model's belief, not the sampler's truncated one). Backends
/// that measure it attach it to <c>ChatResponse.AdditionalProperties</c> and to the last streaming update under
/// <see cref="PropertyKey"/>; they measure only when <see cref="LocusChatOptions.MeasureConfidence"/> asks.
/// </summary>
/// <param name="Tokens">Generated tokens measured (end-of-generation tokens are not counted).</param>
/// <param name="MeanLogProb">Mean natural-log probability of the chosen tokens (≤ 0).</param>
/// <param name="MinLogProb">Lowest chosen-token log probability: the least sure step.</param>
/// <param name="MeanEntropy">Mean entropy of the next-token distributions in nats (0 = certain, ln(vocab) = uniform).</param>
public sealed record GenerationConfidence(int Tokens, double MeanLogProb, double MinLogProb, double MeanEntropy)
{
    /// <summary>Where backends put the summary in a response's or update's <c>AdditionalProperties</c>.</summary>
    public const string PropertyKey = "locus.confidence";

    /// <summary>The geometric mean probability of the chosen tokens, exp(mean logprob), in (0, 1]; 1 when nothing was generated.</summary>
    public double Confidence => Tokens == 0 ? 1 : Math.Exp(MeanLogProb);

    /// <summary>exp(min logprob): the probability the model gave its least likely chosen token.</summary>
    public double MinProbability => Tokens == 0 ? 1 : Math.Exp(MinLogProb);

    /// <summary>exp(−mean entropy), in (0, 1]: one over the distribution's mean "effective number of choices".</summary>
    public double Certainty => Tokens == 0 ? 1 : Math.Exp(-MeanEntropy);

    /// <summary>The summary a response or update carries, or null when none was measured.</summary>
    public static GenerationConfidence? From(AdditionalPropertiesDictionary? properties) =>
        properties is not null && properties.TryGetValue(PropertyKey, out var value) ? value as GenerationConfidence : null;
}
