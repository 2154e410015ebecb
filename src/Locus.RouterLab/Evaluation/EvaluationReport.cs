namespace Locus.RouterLab.Evaluation;

/// <summary>Everything `locus router eval` found on one data set.</summary>
/// <param name="Data">The data set's path.</param>
/// <param name="Router">The evaluated router's metrics, or null when only baselines were asked for.</param>
/// <param name="Random">Random routing.</param>
/// <param name="Oracle">The oracle.</param>
public sealed record EvaluationReport(string Data, RouterEvaluation? Router, RouterEvaluation Random, RouterEvaluation Oracle)
{
    /// <summary>Multi-model data: each model's mean cost and quality.</summary>
    public IReadOnlyList<ModelPoint>? Models { get; init; }

    /// <summary>Multi-model data: each router's cost–quality curve summarised against the best single model.</summary>
    public IReadOnlyList<RouterCost>? Costs { get; init; }

    /// <summary>A calibrated threshold checked on this data (--cloud-share).</summary>
    public ShareCheck? Share { get; init; }

    /// <summary>How the router was trained, when the command trained it.</summary>
    public string? Note { get; init; }

    /// <summary>The model with the best mean quality.</summary>
    public ModelPoint? BestModel => Models is { Count: > 0 } m ? m.MaxBy(p => p.Quality) : null;
}

/// <summary>A two-model router on multi-model data (RouterBench).</summary>
/// <param name="Router">Router name.</param>
/// <param name="Aiq">Area under its cost–quality hull over its cost range, divided by that range.</param>
/// <param name="CostAtBestSingle">Mean cost per prompt at which it reaches the best single model's quality; null: never.</param>
/// <param name="BestQuality">The best quality it reaches.</param>
public sealed record RouterCost(string Router, double Aiq, double? CostAtBestSingle, double BestQuality)
{
    public static RouterCost Of(string router, IReadOnlyList<OutcomeItem> items, IReadOnlyList<double> scores, double bestSingleQuality)
    {
        var points = RouterCostCurve.Points(router, items, scores);
        return new RouterCost(router, CostQuality.Aiq(points), CostQuality.CostAtQuality(points, bestSingleQuality), points.Max(p => p.Quality));
    }
}
