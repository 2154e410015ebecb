namespace Locus.Routing.Options;

/// <summary>Which complexity estimator scores requests.</summary>
public enum ComplexityEstimatorKind
{
    /// <summary>Rules over size, turns, code, task wording and tools (no model file).</summary>
    Heuristic,

    /// <summary>The trained router (hashed n-grams, logistic regression): the built-in model or a file from `locus router train`.</summary>
    Learned,
}

/// <summary>
/// The <c>routing.complexity</c> section. Thresholds are set directly (<c>fast_below</c>, <c>cloud_from</c>) or, for a
/// calibrated learned model, by the share of calls each tier should get (<c>cloud_share</c>, <c>ensemble_share</c>);
/// either way they end up in <see cref="RoutingOptions.FastBelow"/> and <see cref="RoutingOptions.CloudFrom"/>.
/// </summary>
public sealed record ComplexityOptions
{
    public ComplexityEstimatorKind Estimator { get; init; } = ComplexityEstimatorKind.Heuristic;

    /// <summary>A model file for the learned estimator; null: the model built into Locus.</summary>
    public string? ModelPath { get; init; }

    /// <summary>Target share (0..1) of calls sent to the cloud, over the model's calibration prompts; null when thresholds are set directly.</summary>
    public double? CloudShare { get; init; }

    /// <summary>Target share of calls for the tier-2 ensemble (just below the cloud band).</summary>
    public double? EnsembleShare { get; init; }
}
