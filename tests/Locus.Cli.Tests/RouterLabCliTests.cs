using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Locus.Cli.Tests;

/// <summary>`locus router eval` and `locus router train` end to end, on small RouterBench-format files written here.</summary>
public sealed class RouterLabCliTests : IDisposable
{
    private const string Weak = "mistralai/mixtral-8x7b-chat";
    private const string Strong = "gpt-4-1106-preview";
    private const string Small = "mistralai/mistral-7b-chat";

    private readonly string _dir = Directory.CreateTempSubdirectory("locus-cli-lab-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Proofs need the strong model, lookups do not; a third, cheaper model is worse at both.</summary>
    private string WriteBench(string name, int seed, int rows = 120)
    {
        var random = new Random(seed);
        var csv = new StringBuilder($"sample_id,prompt,eval_name,{Weak},{Strong},{Small},{Weak}|total_cost,{Strong}|total_cost,{Small}|total_cost\n");
        for (var i = 0; i < rows; i++)
        {
            var hard = i % 3 == 0;
            var prompt = hard ? $"Prove step by step that claim {seed}-{i} holds for every n" : $"What is the capital of country {seed}-{i}?";
            var weak = hard ? (random.NextDouble() < 0.2 ? 1 : 0) : (random.NextDouble() < 0.9 ? 1 : 0);
            var small = random.NextDouble() < 0.3 ? 1 : 0;
            csv.Append(CultureInfo.InvariantCulture, $"{name}.{i},\"{prompt}\",{(hard ? "proofs" : "lookups")},{weak},1,{small},0.0002,0.01,0.00005\n");
        }

        var file = Path.Combine(_dir, name + ".csv");
        File.WriteAllText(file, csv.ToString());
        return file;
    }

    [Fact]
    public async Task RouterEvalJson_RouterBenchFile_RouteLlmMetricsAndCostAtBestModel()
    {
        var (code, stdout, stderr) = await LocusProcess.RunAsync(null, "router", "eval", "--data", WriteBench("bench", 1), "--router", "heuristic", "--json");

        Assert.True(code == 0, stderr + stdout);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(120, root.GetProperty("n").GetInt32());
        Assert.InRange(root.GetProperty("apgr").GetDouble(), 0.5, 1.5); // "prove … step by step" is a heuristic signal
        Assert.Equal(JsonValueKind.Number, root.GetProperty("cpt50").ValueKind);
        Assert.Equal(Strong, root.GetProperty("bestSingleModel").GetProperty("model").GetString());
        var costs = root.GetProperty("routerCosts").EnumerateArray().ToDictionary(c => c.GetProperty("router").GetString()!);
        Assert.Equal(["heuristic", "random", "oracle"], costs.Keys);
        Assert.True(costs["oracle"].GetProperty("aiq").GetDouble() > costs["random"].GetProperty("aiq").GetDouble());
        // The oracle reaches the strong model's quality far cheaper than calling it every time.
        Assert.True(costs["oracle"].GetProperty("costAtBestSingle").GetDouble() < 0.01 * 0.6);
    }

    [Fact]
    public async Task RouterEval_TrainOnOtherFile_HeldOutScoresAndRealizedShare()
    {
        var (code, stdout, stderr) = await LocusProcess.RunAsync(null, "router", "eval", "--data", WriteBench("test", 2),
            "--train", WriteBench("train", 3), "--cloud-share", "0.4", "--json");

        Assert.True(code == 0, stderr + stdout);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.StartsWith("learned (trained on train", root.GetProperty("router").GetString(), StringComparison.Ordinal);
        // The pattern transfers (proofs need the strong model): close to the oracle, far above random.
        Assert.True(root.GetProperty("apgr").GetDouble() > root.GetProperty("oracle").GetProperty("apgr").GetDouble() - 0.1, stdout);
        var share = root.GetProperty("cloudShare");
        Assert.Equal(0.4, share.GetProperty("target").GetDouble());
        Assert.InRange(share.GetProperty("realized").GetDouble(), 0.2, 0.6);
    }

    [Fact]
    public async Task RouterTrain_ThenConfigWithCloudShare_ExplainUsesTheTrainedModel()
    {
        var model = Path.Combine(_dir, "mine.lrtm");
        var (code, stdout, stderr) = await LocusProcess.RunAsync(null, "router", "train", "--data", WriteBench("a", 4) + "," + WriteBench("b", 5), "--out", model, "--folds", "2");
        Assert.True(code == 0, stderr + stdout);
        Assert.True(File.Exists(model));

        var config = Path.Combine(_dir, "locus.yaml");
        File.WriteAllText(config, """
            targets:
              - name: cloud
                kind: openai
                base_url: http://127.0.0.1:9/v1
                model: frontier
            routing:
              complexity: { estimator: learned, model: mine.lrtm, cloud_share: 0.34 }
            ledger: { enabled: false }
            """);
        (code, stdout, stderr) = await LocusProcess.RunAsync(null, "route", "--config", config, "--explain", "--json", "Prove step by step that claim 9 holds for every n");

        Assert.True(code == 0, stderr + stdout);
        using var json = JsonDocument.Parse(stdout);
        var complexity = json.RootElement.GetProperty("reasons").EnumerateArray().Single(r => r.GetProperty("signal").GetString() == "complexity");
        var detail = complexity.GetProperty("detail").GetString()!;
        Assert.Contains("learned p(needs strong)=", detail, StringComparison.Ordinal);
        Assert.Contains("→ tier 3", detail, StringComparison.Ordinal);
        Assert.Contains("calibrated for 34% cloud calls", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--cloud-share", "0.3", "needs a calibrated router")]
    [InlineData("--router", "neural", "no router 'neural'")]
    public async Task RouterEval_BadArguments_SaysWhatToDo(string option, string value, string message)
    {
        var args = new List<string> { "router", "eval", "--data", WriteBench("bad", 6), option, value };
        if (option == "--cloud-share")
        {
            args.AddRange(["--router", "heuristic"]);
        }

        var (code, stdout, stderr) = await LocusProcess.RunAsync(null, [.. args]);

        Assert.NotEqual(0, code);
        Assert.Contains(message, stdout + stderr, StringComparison.Ordinal);
    }
}

/// <summary>`locus router ensemble` on the real RouterBench files.</summary>
public sealed class RouterEnsembleCliTests
{
    [RoutingDataFact]
    public async Task RouterEnsembleJson_Winogrande_FrontierAndCascadesReported()
    {
        var (code, stdout, stderr) = await LocusProcess.RunAsync(null, "router", "ensemble", "--data", Path.Combine(RoutingData.RouterBench, "winograde_train.csv"), "--json");

        Assert.True(code == 0, stderr + stdout);
        using var json = JsonDocument.Parse(stdout);
        var text = json.RootElement.GetRawText();
        Assert.Contains("\"frontierQuality\"", text, StringComparison.Ordinal);
        Assert.Contains("\"cascades\"", text, StringComparison.Ordinal);
        Assert.Contains("\"escalated\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RouterEnsemble_MissingData_ClearError()
    {
        var (code, stdout, stderr) = await LocusProcess.RunAsync(null, "router", "ensemble", "--data", "/nonexistent/routerbench.csv");

        Assert.NotEqual(0, code);
        Assert.Contains("/nonexistent/routerbench.csv", stdout + stderr, StringComparison.Ordinal);
    }
}
