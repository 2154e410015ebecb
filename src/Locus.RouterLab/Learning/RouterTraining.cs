using Locus.RouterLab.Data;
using Locus.RouterLab.Evaluation;
using Locus.Routing.Learning;

namespace Locus.RouterLab.Learning;

/// <summary>
/// What `locus router train` does: loads the data sets, measures the router honestly (grouped cross-validation within
/// each data set, and cross-data-set: trained on the others), then trains the shipped model on everything.
/// </summary>
public static class RouterTraining
{
    private static readonly string[] RouteLlmParts = ["mmlu", "gsm8k", "mt_bench"];

    /// <summary>Loads each path; a RouteLLM parent folder becomes one data set per part, so each is reported alone.</summary>
    public static IReadOnlyList<NamedDataSet> Load(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var sets = new List<NamedDataSet>();
        foreach (var path in paths)
        {
            var parts = Directory.Exists(path)
                ? RouteLlmParts.Select(p => Path.Combine(path, p)).Where(Directory.Exists).ToList()
                : [];
            foreach (var part in parts.Count > 0 ? parts : [path])
            {
                sets.Add(new NamedDataSet(Path.GetFileNameWithoutExtension(Path.TrimEndingDirectorySeparator(part)), OutcomeData.Load(part)));
            }
        }

        return sets;
    }

    public static TrainingResult Run(IReadOnlyList<NamedDataSet> sets, int folds, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(sets);
        ArgumentNullException.ThrowIfNull(options);
        var all = sets.SelectMany(s => s.Items).ToList();
        var set = TrainingSet.From(all, options);
        var reports = new List<DataSetReport>(sets.Count);
        var offset = 0;
        foreach (var data in sets)
        {
            var rows = Enumerable.Range(offset, data.Items.Count).ToArray();
            var others = Enumerable.Range(0, all.Count).Where(i => i < offset || i >= offset + data.Items.Count).ToArray();
            offset += data.Items.Count;
            var labels = rows.Select(r => set.Labels[r]).ToArray();

            var grouped = GroupedCrossValidation.Run(set, rows, folds, options).Scores;
            double? crossAuc = null, crossApgr = null;
            if (others.Length > 0)
            {
                var model = LogisticTrainer.Train(set, others, options);
                var cross = rows.Select(r => model.Predict(set.Features[r])).ToArray();
                crossAuc = RankingMetrics.Auc(cross, labels);
                crossApgr = RouterMetrics.Evaluate("learned", data.Items, cross).Apgr;
            }

            // One group (gsm8k) cannot be cross-validated by group: say so rather than print a chance-level number.
            var groupCount = data.Items.Select(i => i.Group).Distinct(StringComparer.Ordinal).Count();
            var groupedAuc = groupCount > 1 ? RankingMetrics.Auc(grouped, labels) : double.NaN;
            var groupedApgr = groupCount > 1 ? RouterMetrics.Evaluate("learned", data.Items, grouped).Apgr : double.NaN;
            reports.Add(new DataSetReport(data.Name, data.Items.Count, labels.Average(), groupedAuc, groupedApgr, crossAuc, crossApgr));
        }

        var final = LogisticTrainer.Train(set, Enumerable.Range(0, set.Count).ToArray(), options);
        return new TrainingResult(final.WithCalibration(Calibrate(final, set, sets)), reports);
    }

    /// <summary>
    /// The score quantiles of the training prompts with each data set weighted equally, so that MMLU's 14,000 prompts do
    /// not make "30% cloud" mean "30% of MMLU-like traffic".
    /// </summary>
    internal static ScoreCalibration Calibrate(LinearRouterModel model, TrainingSet set, IReadOnlyList<NamedDataSet> sets)
    {
        var scores = set.Features.Select(model.Predict).ToArray();
        var weights = sets.SelectMany(s => Enumerable.Repeat(1.0 / s.Items.Count, s.Items.Count)).ToArray();
        return ScoreCalibration.FromScores(scores, weights);
    }
}
