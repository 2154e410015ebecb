using Locus.RouterLab.Evaluation;
using Xunit;

namespace Locus.RouterLab.Tests.Evaluation;

public sealed class CostQualityTests
{
    [Fact]
    public void Hull_DropsDominatedAndBelowChordPoints()
    {
        ModelPoint[] points =
        [
            new("cheap", 0, 0.5),
            new("dominated", 1, 0.4),
            new("below-chord", 3, 0.85),
            new("mid", 1, 0.8),
            new("top", 4, 1.0),
        ];

        var hull = CostQuality.Hull(points);

        Assert.Equal(["cheap", "mid", "top"], hull.Select(p => p.Model));
    }

    [Fact]
    public void Aiq_HandComputedArea_DividedByCostRange()
    {
        // Hull (0, .5) → (1, .8) → (4, 1): area .65 + 2.7 = 3.35 over cost range 4; the dearer weak point extends it flat.
        ModelPoint[] points = [new("cheap", 0, 0.5), new("mid", 1, 0.8), new("top", 4, 1.0), new("costly", 5, 0.7)];

        Assert.Equal((0.65 + 2.7 + 1.0) / 5, CostQuality.Aiq(points), 9);
    }

    [Fact]
    public void Aiq_SinglePoint_IsItsQuality()
    {
        Assert.Equal(0.7, CostQuality.Aiq([new ModelPoint("only", 1, 0.7)]), 9);
    }
}
