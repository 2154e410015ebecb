using Locus.Core.Errors;

namespace Locus.RouterLab.Evaluation;

/// <summary>
/// RouterBench's view of a two-model router (arXiv 2403.12031 §3): sweeping its threshold gives (mean cost, mean
/// quality) points; the router's AIQ is the area under their non-decreasing convex hull, and the question a buyer asks
/// is the cost at which it matches the best single model. Ties in score cross together (expected value of random
/// tie-breaking), as in <see cref="GainCurve"/>.
/// </summary>
public static class RouterCostCurve
{
    private const int Steps = 100;

    /// <summary>Points at strong-call shares 0%, 1%, …, 100%; every item needs both recorded costs.</summary>
    public static IReadOnlyList<ModelPoint> Points(string router, IReadOnlyList<OutcomeItem> items, IReadOnlyList<double> scores)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(scores);
        if (items.Count == 0 || items.Any(i => i.WeakCost is null || i.StrongCost is null))
        {
            throw new LocusException(LocusError.Invalid("a cost curve needs both models' cost for every item (RouterBench's <model>|total_cost columns)", "data"));
        }

        var quality = new GainCurve(items.Select(i => i.StrongQuality - i.WeakQuality).ToArray(), scores);
        var cost = new GainCurve(items.Select(i => i.StrongCost!.Value - i.WeakCost!.Value).ToArray(), scores);
        double n = items.Count, weakQuality = items.Average(i => i.WeakQuality), weakCost = items.Average(i => i.WeakCost!.Value);
        return Enumerable.Range(0, Steps + 1)
            .Select(s => new ModelPoint($"{router}@{s}%", weakCost + (cost.GainAt(s * n / Steps) / n), weakQuality + (quality.GainAt(s * n / Steps) / n)))
            .ToList();
    }

    public static bool HasCosts(IReadOnlyList<OutcomeItem> items) =>
        items.Count > 0 && items.All(i => i.WeakCost is not null && i.StrongCost is not null);
}
