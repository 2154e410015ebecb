using System.Globalization;
using Locus.Routing.Learning;

namespace Locus.Routing.Signals;

/// <summary>
/// Complexity from a trained router: the probability that the weak (local-class) model answers the last user message
/// worse than the strong one, learned from public per-prompt outcomes (RouteLLM). Tool use, which the training data
/// never shows, raises the estimate by a fixed amount so that agentic requests keep their heuristic weight.
/// </summary>
public sealed class LearnedComplexityEstimator : IComplexityEstimator
{
    /// <summary>Name of the model shipped inside this assembly.</summary>
    public const string DefaultResourceName = RouterModels.DefaultResourceName;

    private const double ToolBonus = 0.2;

    public LearnedComplexityEstimator(LinearRouterModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
    }

    public LinearRouterModel Model { get; }

    /// <summary>The estimator over the model shipped in this assembly (trained on RouteLLM mmlu, gsm8k and mt_bench).</summary>
    public static LearnedComplexityEstimator LoadDefault() => new(RouterModels.Default);

    public static bool HasDefaultModel => RouterModels.HasDefault;

    public ComplexityEstimate Estimate(RoutingInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var probability = Model.Predict(input.LastUserText);
        var factors = new List<string>(2)
        {
            string.Create(CultureInfo.InvariantCulture, $"learned p(needs strong)={probability:0.00}"),
        };
        var score = probability;
        if (input.HasTools || input.HasToolHistory)
        {
            score += ToolBonus;
            factors.Add(string.Create(CultureInfo.InvariantCulture, $"tool use ({ToolBonus:+0.00})"));
        }

        return new ComplexityEstimate(Math.Clamp(score, 0, 1), factors);
    }
}
