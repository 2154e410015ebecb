using Locus.Routing.Policy;
using Locus.Routing.Signals;
using Microsoft.Extensions.AI;

namespace Locus.RouterLab.Evaluation;

/// <summary>The gateway's rule-based complexity estimate of the prompt sent as a single user message.</summary>
internal sealed class HeuristicScorer : IPromptScorer
{
    public const string ScorerName = "heuristic";

    private readonly HeuristicComplexityEstimator estimator = new();

    public string Name => ScorerName;

    public double Score(string prompt) =>
        estimator.Estimate(RoutingInput.From([new ChatMessage(ChatRole.User, prompt)], null)).Score;
}
