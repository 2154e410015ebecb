using System.Globalization;
using Locus.Core.Errors;
using Locus.Routing.Policy;
using Locus.Routing.Signals;

namespace Locus.Routing.Learning;

/// <summary>
/// Complexity from a trained router: the probability that the weak (local-class) model answers the last user message
/// worse than the strong one, learned from public per-prompt outcomes (RouteLLM). Tool use, which the training data
/// never shows, raises the estimate by a fixed amount so that agentic requests keep their heuristic weight.
/// </summary>
public sealed class LearnedComplexityEstimator : IComplexityEstimator
{
    /// <summary>Name of the model shipped inside this assembly.</summary>
    public const string DefaultResourceName = "Locus.Routing.Learning.default-router.lrtm";

    private const double ToolBonus = 0.2;

    private static readonly Lazy<LinearRouterModel> DefaultModel = new(LoadDefaultModel);

    public LearnedComplexityEstimator(LinearRouterModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
    }

    public LinearRouterModel Model { get; }

    /// <summary>The estimator over the model shipped in this assembly (trained on RouteLLM mmlu, gsm8k and mt_bench).</summary>
    public static LearnedComplexityEstimator LoadDefault() => new(DefaultModel.Value);

    public static bool HasDefaultModel => typeof(LearnedComplexityEstimator).Assembly.GetManifestResourceInfo(DefaultResourceName) is not null;

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

    private static LinearRouterModel LoadDefaultModel()
    {
        using var stream = typeof(LearnedComplexityEstimator).Assembly.GetManifestResourceStream(DefaultResourceName)
            ?? throw new LocusException(new LocusError(LocusErrorKind.Unavailable,
                $"The built-in learned router model ({DefaultResourceName}) is not embedded in this build. Locus.Routing.csproj must embed Learning/default-router.lrtm; or train one with `locus router train` and load it with LinearRouterModel.Load.",
                null, "router_model_missing"));
        return LinearRouterModel.Load(stream);
    }
}
