using System.Text.Json;
using Locus.RouterLab.Data;
using Locus.RouterLab.Ensembles;
using Locus.Routing.Ensembles;
using Xunit;

namespace Locus.RouterLab.Tests.Ensembles;

public sealed class EnsembleDataTests
{
    [Theory]
    [InlineData("['C\\n']", "C\n")]
    [InlineData("[\"Here's one:\\n\\tx = 1\"]", "Here's one:\n\tx = 1")]
    [InlineData("['it\\'s \\\\ fine']", "it's \\ fine")]
    [InlineData("plain text", "plain text")]
    [InlineData("['unbalanced\"]", "['unbalanced\"]")]
    public void Unwrap_PythonListRepr_GivesTheText(string cell, string expected) =>
        Assert.Equal(expected, PythonListText.Unwrap(cell));

    [RoutingDataFact]
    public void Run_RealRouterBench_AutoVotesOnChoicesAndComparesCode()
    {
        var reports = EnsembleEvaluation.Run(RoutingData.RouterBench, EnsembleSetup.RouterBench).ToDictionary(r => r.Data);

        Assert.Equal(["arc_challenge_train.csv", "mbpp_train.csv", "winograde_train.csv"], reports.Keys.Order(StringComparer.Ordinal));
        double AutoVoted(string data) => reports[data].Strategies.Single(s => s.Members == "all-6" && s.Measure == AgreementMeasure.Auto).Voted!.Value;
        Assert.True(AutoVoted("arc_challenge_train.csv") > 0.95, "ARC answers are letters: auto should vote");
        Assert.True(AutoVoted("mbpp_train.csv") < 0.05, "MBPP answers are code: auto should use similarity");
        foreach (var report in reports.Values)
        {
            // Escalation only grows with the threshold, and every strategy's quality stays a mean of 0..1 scores.
            foreach (var family in report.Cascades.GroupBy(c => (c.Members, c.Measure)))
            {
                Assert.Equal(family.Select(c => c.Escalated).Order(), family.OrderBy(c => c.Threshold).Select(c => c.Escalated));
            }

            Assert.All(report.Strategies.Concat(report.Cascades), s => Assert.InRange(s.Quality, 0, 1));
        }
    }

    [RoutingDataFact]
    public void Write_RealRouterBench_IsOneObjectWithEverySet()
    {
        var path = Path.Combine(RoutingData.RouterBench, "winograde_train.csv");
        using var json = JsonDocument.Parse(EnsembleJson.Write(path, EnsembleEvaluation.Run(path, EnsembleSetup.RouterBench)));

        var set = Assert.Single(json.RootElement.GetProperty("sets").EnumerateArray());
        Assert.Equal(887, set.GetProperty("n").GetInt32());
        Assert.Equal(3 * 3 * EnsembleSetup.RouterBench.Thresholds.Count, set.GetProperty("cascades").GetArrayLength());
        Assert.Equal(9, set.GetProperty("parity").GetArrayLength());
    }
}
