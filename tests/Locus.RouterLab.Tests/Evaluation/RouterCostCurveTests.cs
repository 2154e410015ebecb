using Locus.RouterLab.Evaluation;
using Locus.RouterLab.Learning;
using Locus.Routing.Learning;

namespace Locus.RouterLab.Tests.Evaluation;

public sealed class RouterCostCurveTests
{
    private static readonly OutcomeItem[] Items =
    [
        new("hard", "g", WeakQuality: 0, StrongQuality: 1, WeakCost: 1, StrongCost: 3),
        new("easy", "g", WeakQuality: 1, StrongQuality: 1, WeakCost: 1, StrongCost: 3),
    ];

    [Fact]
    public void Points_HardFirst_HalfTheCallsRecoverEverything()
    {
        var points = RouterCostCurve.Points("r", Items, [0.9, 0.1]);

        Assert.Equal((1.0, 0.5), (points[0].Cost, points[0].Quality)); // all weak
        Assert.Equal((2.0, 1.0), (points[50].Cost, points[50].Quality)); // the hard item went strong
        Assert.Equal((3.0, 1.0), (points[100].Cost, points[100].Quality)); // all strong
    }

    [Fact]
    public void Points_TiedScores_ExpectedValueOfRandomOrder()
    {
        var points = RouterCostCurve.Points("r", Items, [0.5, 0.5]);

        Assert.Equal(0.75, points[50].Quality, 9);
        Assert.Equal(2.0, points[50].Cost, 9);
    }

    [Fact]
    public void Points_MissingCosts_ClearError()
    {
        var error = Assert.Throws<Core.Errors.LocusException>(() => RouterCostCurve.Points("r", [new OutcomeItem("p", "g", 0, 1)], [0.5]));

        Assert.Contains("total_cost", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.7, 0.5)]
    [InlineData(1.0, 2.0)]
    [InlineData(0.4, 0.0)]
    public void CostAtQuality_OnTheHull_Interpolates(double quality, double cost)
    {
        ModelPoint[] points = [new("a", 0, 0.5), new("b", 1, 0.9), new("c", 2, 1.0), new("d", 3, 0.95)];

        Assert.Equal(cost, CostQuality.CostAtQuality(points, quality)!.Value, 9);
    }

    [Fact]
    public void CostAtQuality_AboveEveryPoint_Null() =>
        Assert.Null(CostQuality.CostAtQuality([new ModelPoint("a", 0, 0.5), new ModelPoint("b", 1, 0.9)], 0.95));

    [Fact]
    public void RouterCost_OracleVersusRandom_OracleCheaperAtTheBestQuality()
    {
        var oracle = RouterCost.Of("oracle", Items, [1, 0], 1.0);
        var random = RouterCost.Of("random", Items, [0, 0], 1.0);

        Assert.Equal(2.0, oracle.CostAtBestSingle!.Value, 9);
        Assert.Equal(3.0, random.CostAtBestSingle!.Value, 9);
        Assert.True(oracle.Aiq > random.Aiq);
    }
}

public sealed class HeldOutTrainingTests
{
    private static List<OutcomeItem> Items(string prefix, int n) =>
        [.. Enumerable.Range(0, n).Select(i => i % 2 == 0
            ? new OutcomeItem($"{prefix} prove theorem {i} rigorously", "proofs", 0, 1)
            : new OutcomeItem($"{prefix} capital city {i}", "lookups", 1, 1))];

    [Fact]
    public void Train_OverlappingPrompts_DroppedFromTraining()
    {
        var evaluation = Items("eval", 20);
        var training = new NamedDataSet("train", [.. Items("train", 40), .. evaluation.Take(6)]);

        var held = HeldOutTraining.Train([training], evaluation, TrainingOptions.Default with { Epochs = 3 });

        Assert.Equal(6, held.Excluded);
        Assert.Equal(40, held.Trained);
        Assert.NotNull(held.Scorer.Calibration);
    }

    [Fact]
    public void Train_EverythingOverlaps_SaysSo()
    {
        var evaluation = Items("same", 10);

        var error = Assert.Throws<Core.Errors.LocusException>(() => HeldOutTraining.Train([new NamedDataSet("x", evaluation)], evaluation, TrainingOptions.Default));

        Assert.Contains("--train", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShareCheck_OnItsOwnCalibrationPrompts_RealizesTheShare()
    {
        var items = Enumerable.Range(0, 1000).Select(i => new OutcomeItem($"p{i}", "g", 0, i % 4 == 0 ? 1 : 0)).ToArray();
        var scores = Enumerable.Range(0, 1000).Select(i => i / 1000.0).ToArray();
        var calibration = ScoreCalibration.FromScores(scores, Enumerable.Repeat(1.0, 1000).ToArray());

        var check = ShareCheck.Measure(calibration, 0.3, items, scores);

        Assert.Equal(0.3, check.RealizedShare, 2);
        Assert.InRange(check.Pgr, 0.2, 0.4); // scores carry no signal here: PGR ≈ share
    }
}
