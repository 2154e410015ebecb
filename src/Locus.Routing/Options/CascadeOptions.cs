using Locus.Core.Abstractions;

namespace Locus.Routing.Options;

/// <summary>Which of the local model's own confidence figures the cascade compares with its threshold (each is 0..1).</summary>
public enum CascadeMetric
{
    /// <summary>exp(mean log probability of the chosen tokens): their geometric mean probability.</summary>
    MeanLogprob,

    /// <summary>exp(lowest chosen-token log probability): the least sure step decides.</summary>
    MinLogprob,

    /// <summary>exp(−mean entropy of the next-token distributions): one over the mean effective number of choices.</summary>
    Entropy,
}

/// <summary>
/// Tier 1 answers first and the answer is kept only if the local model was confident enough in it; otherwise the
/// request escalates to the decision's cloud target. Applies only where the decision already allows the cloud.
/// </summary>
public sealed record CascadeOptions
{
    /// <summary>The YAML spellings of <see cref="CascadeMetric"/>, in declaration order.</summary>
    public static readonly IReadOnlyList<string> MetricNames = ["mean_logprob", "min_logprob", "entropy"];

    /// <summary>Local answers whose confidence is below this (0..1) escalate.</summary>
    public double MinConfidence { get; init; } = 0.55;

    public CascadeMetric Metric { get; init; } = CascadeMetric.MeanLogprob;

    /// <summary>
    /// Most tokens the local model may spend on a cascaded answer (caps the wait before an escalation); an answer cut at
    /// this cap, short of the client's own max_tokens, is incomplete and escalates. Null: the client's max_tokens.
    /// </summary>
    public int? MaxLocalTokens { get; init; }

    /// <summary>The configured metric's value for a measured answer.</summary>
    public double Score(GenerationConfidence confidence)
    {
        ArgumentNullException.ThrowIfNull(confidence);
        return Metric switch
        {
            CascadeMetric.MinLogprob => confidence.MinProbability,
            CascadeMetric.Entropy => confidence.Certainty,
            _ => confidence.Confidence,
        };
    }

    public string MetricName => MetricNames[(int)Metric];
}
