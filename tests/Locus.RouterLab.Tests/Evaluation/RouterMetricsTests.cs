using Locus.Core.Errors;
using Locus.RouterLab.Evaluation;
using Xunit;

namespace Locus.RouterLab.Tests.Evaluation;

public sealed class RouterMetricsTests
{
    // Gains (strong − weak): A +1, B +1, C 0, D −1. q(weak) = 0.5, q(strong) = 0.75, so the gap is 0.25.
    private static readonly OutcomeItem[] Items =
    [
        new("A", "g", 0, 1),
        new("B", "g", 0, 1),
        new("C", "g", 1, 1),
        new("D", "g", 1, 0),
    ];

    [Fact]
    public void Evaluate_PerfectRouter_MatchesHandComputedOracleValues()
    {
        // Summed gain after k strong calls: 0, 1, 2, 2, 1 → area 5.5 in k-units over 4 → APGR 1.375.
        var perfect = RouterMetrics.Evaluate("perfect", Items, [4, 3, 2, 1]);
        var oracle = RouterMetrics.Oracle(Items);

        foreach (var e in new[] { perfect, oracle })
        {
            Assert.Equal(1.375, e.Apgr, 9);
            Assert.Equal(0.125, e.Cpt50!.Value, 9);
            Assert.Equal(0.2, e.Cpt80!.Value, 9);
            Assert.Equal(0.5, e.WeakQuality, 9);
            Assert.Equal(0.75, e.StrongQuality, 9);
        }

        Assert.Equal(2.0, perfect.Curve[50].Pgr, 9);
    }

    [Fact]
    public void Evaluate_ReversedRouter_MatchesHandComputedValues()
    {
        // Worst first: 0, −1, −1, 0, 1 → area −1.5 in k-units over 4.
        var reversed = RouterMetrics.Evaluate("reversed", Items, [1, 2, 3, 4]);

        Assert.Equal(-0.375, reversed.Apgr, 9);
        Assert.Equal(0.875, reversed.Cpt50!.Value, 9);
        Assert.Equal(0.95, reversed.Cpt80!.Value, 9);
    }

    [Fact]
    public void Random_ConstantScore_GivesPgrEqualToShare()
    {
        var random = RouterMetrics.Random(Items);

        Assert.Equal(0.5, random.Apgr, 9);
        Assert.Equal(0.5, random.Cpt50!.Value, 9);
        Assert.Equal(0.8, random.Cpt80!.Value, 9);
        Assert.All(random.Curve, p => Assert.Equal(p.StrongShare, p.Pgr, 9));
    }

    [Fact]
    public void Evaluate_AllOrderings_AverageToTheRandomBaseline()
    {
        // The expectation of random routing, computed exactly: the mean APGR over all 24 orderings of distinct scores.
        var total = 0.0;
        var count = 0;
        foreach (var order in Permutations([0, 1, 2, 3]))
        {
            var scores = new double[4];
            for (var rank = 0; rank < 4; rank++)
            {
                scores[order[rank]] = 4 - rank;
            }

            total += RouterMetrics.Evaluate("p", Items, scores).Apgr;
            count++;
        }

        Assert.Equal(24, count);
        Assert.Equal(RouterMetrics.Random(Items).Apgr, total / count, 9);
    }

    [Fact]
    public void Evaluate_TiedScores_CountAsTheGroupsMeanGain()
    {
        // {A, D} tie above {B, C}: the first two calls gain (1 − 1) / 2 each, the next two 0.5 each.
        var tied = RouterMetrics.Evaluate("tied", Items, [1, 0, 0, 1]);

        Assert.Equal(0.0, tied.Curve[25].Pgr, 9);
        Assert.Equal(0.0, tied.Curve[50].Pgr, 9);
        Assert.Equal(0.5, tied.Curve[75].Pgr, 9);
        Assert.Equal(1.0, tied.Curve[100].Pgr, 9);
        Assert.Equal(0.75, tied.Cpt50!.Value, 9);
    }

    [Fact]
    public void Evaluate_NegatedScores_GiveOneMinusApgr()
    {
        var rng = new Random(7);
        var items = Enumerable.Range(0, 200).Select(i => new OutcomeItem($"p{i}", "g", rng.Next(2), rng.NextDouble())).ToArray();
        var scores = items.Select(_ => rng.NextDouble()).ToArray();

        var forward = RouterMetrics.Evaluate("f", items, scores);
        var backward = RouterMetrics.Evaluate("b", items, [.. scores.Select(s => -s)]);

        Assert.Equal(1.0, forward.Apgr + backward.Apgr, 9);
        Assert.Equal(101, forward.Curve.Count);
    }

    [Fact]
    public void Evaluate_EqualMeanQualities_ThrowsInvalidRequest()
    {
        OutcomeItem[] items = [new("a", "g", 1, 0), new("b", "g", 0, 1)];

        var error = Assert.Throws<LocusException>(() => RouterMetrics.Evaluate("x", items, [1, 0]));

        Assert.Equal(LocusErrorKind.InvalidRequest, error.Error.Kind);
    }

    [Fact]
    public void Evaluate_NoItems_ThrowsInvalidRequest()
    {
        Assert.Throws<LocusException>(() => RouterMetrics.Random([]));
    }

    [Fact]
    public void Evaluate_ScoreCountMismatch_Throws()
    {
        Assert.Throws<ArgumentException>(() => RouterMetrics.Evaluate("x", Items, [1, 2]));
    }

    [Fact]
    public void Evaluate_Scorer_ScoresEachPrompt()
    {
        var byName = new Dictionary<string, double> { ["A"] = 9, ["B"] = 8, ["C"] = 7, ["D"] = 6 };

        var e = RouterMetrics.Evaluate(new LookupScorer(byName), Items);

        Assert.Equal("lookup", e.Router);
        Assert.Equal(1.375, e.Apgr, 9);
    }

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }

        for (var i = 0; i < items.Length; i++)
        {
            var rest = items.Where((_, j) => j != i).ToArray();
            foreach (var tail in Permutations(rest))
            {
                yield return [items[i], .. tail];
            }
        }
    }

    private sealed class LookupScorer(Dictionary<string, double> scores) : IPromptScorer
    {
        public string Name => "lookup";

        public double Score(string prompt) => scores[prompt];
    }
}
