using Locus.Core.Errors;

namespace Locus.RouterLab.Evaluation;

/// <summary>
/// RouteLLM's metrics (arXiv 2406.18665 §3.2). A router sends a call to the strong model when its score s ≥ threshold t;
/// sweeping t traces PGR(t) = (q(router) − q(weak)) / (q(strong) − q(weak)) against the share of strong calls.
/// APGR is the area under that curve, CPT(x) the smallest strong-call share whose PGR reaches x.
/// </summary>
public static class RouterMetrics
{
    private const int Steps = 100;

    public static RouterEvaluation Evaluate(IPromptScorer scorer, IReadOnlyList<OutcomeItem> items)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(items);
        return Evaluate(scorer.Name, items, items.Select(i => scorer.Score(i.Prompt)).ToArray());
    }

    public static RouterEvaluation Evaluate(string router, IReadOnlyList<OutcomeItem> items, IReadOnlyList<double> scores)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(scores);
        if (items.Count == 0)
        {
            throw new LocusException(LocusError.Invalid("no items to evaluate: the data set is empty after excluding contaminated prompts", "data"));
        }

        var curve = new GainCurve(items.Select(i => i.StrongQuality - i.WeakQuality).ToArray(), scores);
        if (Math.Abs(curve.Total) < 1e-12)
        {
            throw new LocusException(LocusError.Invalid("the weak and strong models have the same mean quality on these items, so PGR is undefined: pick another data set or model pair", "data"));
        }

        var points = new PgrPoint[Steps + 1];
        for (var i = 0; i <= Steps; i++)
        {
            points[i] = new PgrPoint((double)i / Steps, curve.PgrAtShare((double)i / Steps));
        }

        var apgr = 0.0;
        for (var i = 0; i < Steps; i++)
        {
            apgr += (points[i].Pgr + points[i + 1].Pgr) / 2 / Steps;
        }

        return new RouterEvaluation(
            router, items.Count, items.Average(i => i.WeakQuality), items.Average(i => i.StrongQuality),
            apgr, curve.MinShareReaching(0.5), curve.MinShareReaching(0.8), points);
    }

    /// <summary>Random routing in expectation: every item equally likely to go to the strong model, so PGR = share.</summary>
    public static RouterEvaluation Random(IReadOnlyList<OutcomeItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return Evaluate("random", items, new double[items.Count]);
    }

    /// <summary>
    /// The oracle: knows each outcome and sends to the strong model exactly the items where it is better (ties go to
    /// the weak model); beyond that share it adds the items where the strong model loses least.
    /// </summary>
    public static RouterEvaluation Oracle(IReadOnlyList<OutcomeItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return Evaluate("oracle", items, items.Select(i => i.StrongQuality - i.WeakQuality).ToArray());
    }
}
