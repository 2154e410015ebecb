using Locus.Core.Errors;
using Locus.RouterLab.Data;
using Locus.RouterLab.Evaluation;
using Xunit;

namespace Locus.RouterLab.Tests.Evaluation;

public sealed class OutcomeDataTests : IDisposable
{
    private const string Header = "prompt,mistralai/Mixtral-8x7B-Instruct-v0.1,gpt-4-1106-preview\n";
    private readonly string folder = Directory.CreateTempSubdirectory("locus-outcomes-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Load_MmluFolder_GroupsBySubjectAndExcludesContaminated()
    {
        var mmlu = Directory.CreateDirectory(Path.Combine(folder, "mmlu")).FullName;
        File.WriteAllText(Path.Combine(mmlu, "mmlu_anatomy.csv"), Header + "\"Q1,\nA. x\nAnswer:\",True,False\nQ2,False,True\n");
        File.WriteAllText(Path.Combine(mmlu, "mmlu_virology.csv"), Header + "Q3,False,False\n");
        File.WriteAllText(Path.Combine(mmlu, "contaminated_prompts.jsonl"), "{\"train_prompt\":\"t\",\"eval_prompt\":\"Q2 \"}\n");

        var items = OutcomeData.Load(mmlu);

        Assert.Equal([new("Q1,\nA. x\nAnswer:", "anatomy", 1, 0), new("Q3", "virology", 0, 0)], items);
    }

    [Fact]
    public void Load_ParentFolder_LoadsEverySubfolder()
    {
        var gsm = Directory.CreateDirectory(Path.Combine(folder, "gsm8k")).FullName;
        File.WriteAllText(Path.Combine(gsm, "gsm8k_responses.csv"), Header.TrimEnd() + ",w_response,s_response\nHow many?,False,True,\"1\n#### 1\",2\n");
        WriteMtBench(Directory.CreateDirectory(Path.Combine(folder, "mt_bench")).FullName);

        var items = OutcomeData.Load(folder);

        Assert.Contains(new OutcomeItem("How many?", "gsm8k", 0, 1), items);
        Assert.Contains(items, i => i.Group == "writing");
    }

    [Fact]
    public void Load_MtBench_UsesTurnOneJudgeScoresOverTen()
    {
        var mt = Directory.CreateDirectory(Path.Combine(folder, "mt_bench")).FullName;
        WriteMtBench(mt);

        var items = OutcomeData.Load(mt);

        // Question 2 is contaminated; question 3 lacks the strong model's turn-1 score (-1 means the judge failed).
        var item = Assert.Single(items);
        Assert.Equal(new OutcomeItem("Write a poem.", "writing", 0.6, 0.9), item);
    }

    [Fact]
    public void Load_RouterBenchCsv_UsesNamedColumnsAndSkipsMissingOutcomes()
    {
        var path = Path.Combine(folder, "rb_train.csv");
        File.WriteAllText(path, ",sample_id,prompt,eval_name,small,big,small|total_cost,big|total_cost\n0,s0,p0,arc,0.0,1.0,0.1,1\n1,s1,p1,arc,,1.0,0.1,1\n2,s2,p2,mbpp,1.0,1.0,0.1,2\n");

        var items = OutcomeData.Load(path, "small", "big");
        var models = CostQuality.LoadRouterBench(path);

        Assert.Equal([new("p0", "arc", 0, 1, 0.1, 1), new("p2", "mbpp", 1, 1, 0.1, 2)], items);
        Assert.Equal(0.5, models.Single(m => m.Model == "small").Quality, 9);
        Assert.Equal(4.0 / 3, models.Single(m => m.Model == "big").Cost, 9);
    }

    [Fact]
    public void Load_MissingPathOrColumn_ThrowsInvalidRequest()
    {
        var path = Path.Combine(folder, "rb.csv");
        File.WriteAllText(path, "prompt,eval_name,a\np,g,1\n");

        Assert.Equal(LocusErrorKind.InvalidRequest, Assert.Throws<LocusException>(() => OutcomeData.Load(Path.Combine(folder, "nope"))).Error.Kind);
        Assert.Contains("no column 'b'", Assert.Throws<LocusException>(() => OutcomeData.Load(path, "a", "b")).Message, StringComparison.Ordinal);
        Assert.Throws<LocusException>(() => OutcomeData.Load(folder));
    }

    [RoutingDataFact]
    public void Load_RealMmlu_AllSubjectsLessContaminated()
    {
        var mmlu = Path.Combine(RoutingData.RouteLlm, "mmlu");
        var raw = Directory.GetFiles(mmlu, "mmlu_*.csv").Sum(f => CsvTable.Load(f).Rows.Count);
        var contaminated = File.ReadLines(Path.Combine(mmlu, "contaminated_prompts.jsonl")).Count(l => l.Length > 0);

        var items = OutcomeData.Load(mmlu);

        Assert.Equal(14_042, raw);
        Assert.InRange(items.Count, raw - contaminated, raw - 1);
        Assert.Equal(57, items.Select(i => i.Group).Distinct().Count());
        Assert.All(items, i => Assert.True(i.WeakQuality is 0 or 1 && i.StrongQuality is 0 or 1));
        Assert.True(items.Average(i => i.StrongQuality) > items.Average(i => i.WeakQuality), "GPT-4 should beat Mixtral on MMLU");
    }

    [RoutingDataFact]
    public void Load_RealGsm8k_AllRowsLessContaminated()
    {
        var gsm = Path.Combine(RoutingData.RouteLlm, "gsm8k");
        var raw = CsvTable.Load(Path.Combine(gsm, "gsm8k_responses.csv")).Rows.Count;
        var contaminated = File.ReadLines(Path.Combine(gsm, "contaminated_prompts.jsonl")).Count(l => l.Length > 0);

        var items = OutcomeData.Load(gsm);

        Assert.Equal(1_319, raw);
        Assert.InRange(items.Count, raw - contaminated, raw - 1);
        Assert.All(items, i => Assert.Equal("gsm8k", i.Group));
    }

    [RoutingDataFact]
    public void Load_RealMtBench_OneItemPerCleanQuestion()
    {
        var items = OutcomeData.Load(Path.Combine(RoutingData.RouteLlm, "mt_bench"));

        Assert.InRange(items.Count, 60, 80);
        Assert.Equal(items.Count, items.Select(i => i.Prompt).Distinct().Count());
        Assert.All(items, i => Assert.InRange(i.WeakQuality, 0.1, 1));
        Assert.Equal(8, items.Select(i => i.Group).Distinct().Count());
    }

    [RoutingDataFact]
    public void Load_RealRouterBench_ElevenModelsAndRouteLlmPair()
    {
        var path = Path.Combine(RoutingData.RouterBench, "arc_challenge_train.csv");

        var items = OutcomeData.Load(path);
        var models = CostQuality.LoadRouterBench(path);

        Assert.InRange(items.Count, 1_000, 1_039);
        Assert.Equal(11, models.Count);
        Assert.InRange(CostQuality.Aiq(models), models.Min(m => m.Quality), models.Max(m => m.Quality));
        Assert.True(RouterMetrics.Oracle(items).Apgr > RouterMetrics.Random(items).Apgr);
    }

    private static void WriteMtBench(string mt)
    {
        File.WriteAllText(Path.Combine(mt, "question.jsonl"), """
            {"question_id": 1, "category": "writing", "turns": ["Write a poem.", "Shorter."]}
            {"question_id": 2, "category": "math", "turns": ["Contaminated?", "x"]}
            {"question_id": 3, "category": "coding", "turns": ["Sort a list.", "x"]}
            """);
        File.WriteAllText(Path.Combine(mt, "judgements.jsonl"), """
            {"question_id": 1, "model": "mistralai/Mixtral-8x7B-Instruct-v0.1", "score": 6, "turn": 1}
            {"question_id": 1, "model": "gpt-4-1106-preview", "score": 9, "turn": 1}
            {"question_id": 1, "model": "gpt-4-1106-preview", "score": 2, "turn": 2}
            {"question_id": 2, "model": "mistralai/Mixtral-8x7B-Instruct-v0.1", "score": 6, "turn": 1}
            {"question_id": 2, "model": "gpt-4-1106-preview", "score": 9, "turn": 1}
            {"question_id": 3, "model": "mistralai/Mixtral-8x7B-Instruct-v0.1", "score": 5, "turn": 1}
            {"question_id": 3, "model": "gpt-4-1106-preview", "score": -1, "turn": 1}
            """);
        File.WriteAllText(Path.Combine(mt, "contaminated_prompts.jsonl"), "{\"eval_prompt\":\"Contaminated?\"}\n");
    }
}
