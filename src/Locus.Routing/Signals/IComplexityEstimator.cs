using Locus.Routing.Policy;

namespace Locus.Routing.Signals;

/// <summary>
/// How hard a request is, 0 (trivial) to 1 (frontier). The heuristic estimator is the first implementation; a learned
/// router replaces it behind this interface.
/// </summary>
public interface IComplexityEstimator
{
    ComplexityEstimate Estimate(RoutingInput input);
}

/// <param name="Score">0..1.</param>
/// <param name="Factors">What moved the score, for the explanation, e.g. "code (+0.15)".</param>
public sealed record ComplexityEstimate(double Score, IReadOnlyList<string> Factors);
