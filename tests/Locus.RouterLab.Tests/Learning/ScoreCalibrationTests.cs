using Locus.Routing.Learning;

namespace Locus.RouterLab.Tests.Learning;

public sealed class ScoreCalibrationTests
{
    private static ScoreCalibration Uniform(int n)
    {
        var scores = Enumerable.Range(0, n).Select(i => (double)i / (n - 1)).ToArray();
        return ScoreCalibration.FromScores(scores, Enumerable.Repeat(1.0, n).ToArray());
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.05)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void ThresholdForShare_UniformScores_SendsThatShareAbove(double share)
    {
        var scores = Enumerable.Range(0, 10_001).Select(i => i / 10_000.0).ToArray();
        var calibration = ScoreCalibration.FromScores(scores, Enumerable.Repeat(1.0, scores.Length).ToArray());

        var threshold = calibration.ThresholdForShare(share);

        var above = scores.Count(s => s >= threshold) / (double)scores.Length;
        Assert.Equal(share, above, 2);
    }

    [Fact]
    public void FromScores_Weights_CountEachSetEqually()
    {
        // 900 low scores in one set, 100 high scores in another; weighted equally, half the mass is high.
        var scores = Enumerable.Repeat(0.1, 900).Concat(Enumerable.Repeat(0.9, 100)).ToArray();
        var weights = Enumerable.Repeat(1.0 / 900, 900).Concat(Enumerable.Repeat(1.0 / 100, 100)).ToArray();

        var weighted = ScoreCalibration.FromScores(scores, weights);
        var unweighted = ScoreCalibration.FromScores(scores, Enumerable.Repeat(1.0, 1000).ToArray());

        Assert.Equal(0.9, weighted.Quantiles[60], 5);
        Assert.Equal(0.1, unweighted.Quantiles[60], 5);
    }

    [Fact]
    public void ThresholdForShare_Extremes_NeverAndAlways()
    {
        var calibration = Uniform(101);

        Assert.Equal(double.PositiveInfinity, calibration.ThresholdForShare(0));
        Assert.Equal(0, calibration.ThresholdForShare(1));
        Assert.True(calibration.ThresholdForShare(0.2) > calibration.ThresholdForShare(0.4));
        Assert.Throws<ArgumentOutOfRangeException>(() => calibration.ThresholdForShare(1.5));
    }

    [Fact]
    public void Constructor_DecreasingQuantiles_Rejected()
    {
        var points = Enumerable.Range(0, ScoreCalibration.Points).Select(i => (float)(1 - (i / 100.0))).ToArray();

        Assert.Throws<ArgumentException>(() => new ScoreCalibration(points));
        Assert.Throws<ArgumentException>(() => new ScoreCalibration(new float[10]));
    }
}
