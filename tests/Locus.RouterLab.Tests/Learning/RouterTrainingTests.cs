using Locus.RouterLab.Learning;

namespace Locus.RouterLab.Tests.Learning;

public sealed class RouterTrainingTests
{
    [RoutingDataFact]
    public void Run_RouteLlmGsm8kAndMtBench_ReportsEachSetAndBeatsNothingOnTrainingData()
    {
        var sets = RouterTraining.Load([Path.Combine(RoutingData.RouteLlm, "gsm8k"), Path.Combine(RoutingData.RouteLlm, "mt_bench")]);
        var result = RouterTraining.Run(sets, 3, TrainingOptions.Default with { Epochs = 3 });

        Assert.Equal(["gsm8k", "mt_bench"], result.Reports.Select(r => r.Name));
        Assert.All(result.Reports, r => Assert.NotNull(r.CrossAuc));
        Assert.All(result.Reports, r => Assert.InRange(r.NeedsStrongRate, 0.01, 0.99));
        // In-sample the model must at least fit what it was trained on.
        var items = sets.SelectMany(s => s.Items).ToList();
        var scores = items.Select(i => result.Model.Predict(i.Prompt)).ToArray();
        Assert.True(RankingMetrics.Auc(scores, items.Select(i => TrainingSet.NeedsStrong(i) ? 1.0 : 0).ToArray()) > 0.7);
    }

    [RoutingDataFact]
    public void Run_TwoSets_CalibrationGivesTheShareWithSetsWeightedEqually()
    {
        var sets = RouterTraining.Load([Path.Combine(RoutingData.RouteLlm, "gsm8k"), Path.Combine(RoutingData.RouteLlm, "mt_bench")]);
        var result = RouterTraining.Run(sets, 3, TrainingOptions.Default with { Epochs = 3 });
        var threshold = result.Model.Calibration!.ThresholdForShare(0.3);

        // Each set's share above the threshold, averaged with equal weight (gsm8k has 18 times mt_bench's prompts).
        var shares = sets.Select(s => s.Items.Count(i => result.Model.Predict(i.Prompt) >= threshold) / (double)s.Items.Count).ToArray();

        Assert.Equal(0.3, shares.Average(), 1);
        Assert.InRange(shares.Average(), 0.27, 0.33);
    }

    [RoutingDataFact]
    public void GroupedCv_Mmlu_BetterThanChance()
    {
        var sets = RouterTraining.Load([Path.Combine(RoutingData.RouteLlm, "mmlu")]);
        var options = TrainingOptions.Default with { Epochs = 3 };
        var set = TrainingSet.From(sets[0].Items, options);

        var result = GroupedCrossValidation.Run(set, 5, options);

        Assert.True(RankingMetrics.Auc(result.Scores, set.Labels) > 0.55);
    }
}
