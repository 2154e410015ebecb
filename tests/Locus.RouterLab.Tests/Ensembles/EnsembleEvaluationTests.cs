using Locus.RouterLab.Ensembles;
using Locus.Routing.Ensembles;
using Xunit;

namespace Locus.RouterLab.Tests.Ensembles;

/// <summary>
/// A hand-made RouterBench CSV: pool a, b, c (costs 0.001, 0.002, 0.003 per prompt), frontier f (0.010). Every expected
/// number below is worked out by hand from the four rows.
/// </summary>
public sealed class EnsembleEvaluationTests : IDisposable
{
    private static readonly EnsembleSetup Setup = new(["a", "b", "c"], "f", [new MemberSet("abc", ["a", "b", "c"])], [0.5, 1.0]);

    private readonly string _folder = Directory.CreateTempSubdirectory("locus-ensembles-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string WriteCsv()
    {
        const string header = "sample_id,prompt,eval_name,a,b,c,f,a|model_response,b|model_response,c|model_response,f|model_response,"
            + "a|total_cost,b|total_cost,c|total_cost,f|total_cost\n";
        // Row 1: B, (B), C — vote 2/3, similarity 1/3. Row 2: A, B, C — no two agree. Row 3: all D (one with "\n" as
        // RouterBench writes it). Row 4: 12, 12.0, 13 — the same number to a vote, two different words to similarity.
        // Row 5: c has no outcome, so the row is left out.
        string[] rows =
        [
            "1,q1,t,1,1,0,1,['B'],['(B)'],['C'],['B'],0.001,0.002,0.003,0.010",
            "2,q2,t,0,1,0,1,['A'],['B'],['C'],['B'],0.001,0.002,0.003,0.010",
            "3,q3,t,1,1,1,0,['D\\n'],['D'],['D'],['C'],0.001,0.002,0.003,0.010",
            "4,q4,t,0,0,1,1,['12'],['12.0'],['13'],['13'],0.001,0.002,0.003,0.010",
            "5,q5,t,1,1,,1,['A'],['A'],[''],['A'],0.001,0.002,0.003,0.010",
        ];
        var path = Path.Combine(_folder, "synthetic_train.csv");
        File.WriteAllText(path, header + string.Join('\n', rows) + "\n");
        return path;
    }

    private EnsembleReport Report() => Assert.Single(EnsembleEvaluation.Run(WriteCsv(), Setup));

    private static StrategyResult Find(IEnumerable<StrategyResult> list, AgreementMeasure measure, double? threshold = null) =>
        Assert.Single(list, s => s.Measure == measure && s.Threshold == threshold);

    [Fact]
    public void Run_SinglesAndFrontier_AverageQualityAndCostOverKeptRows()
    {
        var report = Report();

        Assert.Equal(4, report.Count);
        Assert.Equal(
            [("a", 0.5, 0.001), ("b", 0.75, 0.002), ("c", 0.5, 0.003), ("f", 0.75, 0.010)],
            report.Strategies.Where(s => s.Measure is null).Select(s => (s.Members, s.Quality, Math.Round(s.Cost, 9))));
        Assert.Equal(1.0, report.Frontier.Escalated);
    }

    [Fact]
    public void Run_VoteEnsemble_AnswersWithPluralityAndTiesGoToFirstMember()
    {
        // Plurality answers: a's B (1), a's A by tie (0), a's D (1), a's 12 (0).
        var vote = Find(Report().Strategies, AgreementMeasure.Vote);

        Assert.Equal((0.5, 0.006, 0.0, 1.0), (vote.Quality, Math.Round(vote.Cost, 9), vote.Escalated, vote.Voted));
    }

    [Fact]
    public void Run_VoteCascade_EscalatesBelowThresholdAndAddsFrontierCost()
    {
        var cascades = Report().Cascades;

        // t = 0.5: only row 2 (1/3) goes up → 1, f's 1, 1, 0. t = 1: rows 1, 2, 4 go up → 1, 1, 1, 1.
        var half = Find(cascades, AgreementMeasure.Vote, 0.5);
        var unanimous = Find(cascades, AgreementMeasure.Vote, 1.0);
        Assert.Equal((0.75, 0.0085, 0.25), (half.Quality, Math.Round(half.Cost, 9), half.Escalated));
        Assert.Equal((1.0, 0.0135, 0.75), (unanimous.Quality, Math.Round(unanimous.Cost, 9), unanimous.Escalated));
    }

    [Fact]
    public void Run_SimilarityCascade_TreatsDifferentSpellingsAsDisagreement()
    {
        // Similarity scores: 1/3, 0, 1, 0 ("12" and "12.0" share no word set) → rows 1, 2, 4 go up already at 0.5.
        var report = Report();
        var half = Find(report.Cascades, AgreementMeasure.Similarity, 0.5);

        Assert.Equal((1.0, 0.75, 0.0), (half.Quality, half.Escalated, half.Voted));
        Assert.Equal(Find(report.Strategies, AgreementMeasure.Vote) with { Measure = AgreementMeasure.Auto }, Find(report.Strategies, AgreementMeasure.Auto));
    }

    [Fact]
    public void Run_Parity_IsCheapestStrategyMatchingFrontierQuality()
    {
        var parity = Report().Parity;

        Assert.Equal(0.5, Assert.Single(parity, p => p.Measure == AgreementMeasure.Vote).Cheapest!.Threshold);
        Assert.Equal(0.0135, Math.Round(Assert.Single(parity, p => p.Measure == AgreementMeasure.Similarity).Cheapest!.Cost, 9));
    }

    [Fact]
    public void Run_FrontierAlwaysBetter_ParityOnlyWhenEverythingEscalates()
    {
        var setup = Setup with { Thresholds = [0.5] };
        var report = Assert.Single(EnsembleEvaluation.Run(WriteCsv(), setup with { Sets = [new MemberSet("c", ["c", "c"])] }));

        // c twice always agrees with itself, so nothing escalates and c's 0.5 never reaches f's 0.75.
        Assert.All(report.Parity, p => Assert.Null(p.Cheapest));
    }
}
