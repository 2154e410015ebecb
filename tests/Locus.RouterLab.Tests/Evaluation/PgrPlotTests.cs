using System.Text.Json;
using System.Xml.Linq;
using Locus.RouterLab.Evaluation;
using Xunit;

namespace Locus.RouterLab.Tests.Evaluation;

public sealed class PgrPlotTests
{
    private static readonly OutcomeItem[] Items = [new("a", "g", 0, 1), new("b", "g", 1, 1), new("c", "g", 1, 0), new("d", "g", 0, 1)];

    [Fact]
    public void Svg_ThreeRouters_IsWellFormedWithOneLineEach()
    {
        var evaluations = new[] { RouterMetrics.Evaluate("mine <&>", Items, [1, 2, 3, 4]), RouterMetrics.Random(Items), RouterMetrics.Oracle(Items) };

        var svg = XDocument.Parse(PgrPlot.Svg("PGR", evaluations));

        XNamespace ns = "http://www.w3.org/2000/svg";
        var lines = svg.Descendants(ns + "polyline").ToList();
        Assert.Equal(3, lines.Count);
        Assert.All(lines, l => Assert.Equal(101, l.Attribute("points")!.Value.Split(' ').Length));
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value.StartsWith("mine <&>", StringComparison.Ordinal));
    }

    [Fact]
    public void Json_RouterAndBaselines_HaveTheDocumentedFields()
    {
        var text = EvaluationJson.Write("data", RouterMetrics.Oracle(Items), RouterMetrics.Random(Items), RouterMetrics.Oracle(Items), [new ModelPoint("m", 1, 0.5)]);

        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        Assert.Equal(4, root.GetProperty("n").GetInt32());
        Assert.Equal(RouterMetrics.Oracle(Items).Apgr, root.GetProperty("apgr").GetDouble(), 9);
        Assert.Equal(0.5, root.GetProperty("random").GetProperty("apgr").GetDouble(), 9);
        Assert.Equal(0.8, root.GetProperty("random").GetProperty("cpt80").GetDouble(), 9);
        Assert.True(root.GetProperty("oracle").TryGetProperty("cpt50", out _));
        Assert.Equal(0.5, root.GetProperty("aiq").GetDouble(), 9);
    }
}
