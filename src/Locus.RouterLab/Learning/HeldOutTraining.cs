using Locus.Core.Errors;

namespace Locus.RouterLab.Learning;

/// <summary>
/// Trains a router on some data sets to score another (cross-data-set evaluation): any training prompt that also
/// appears in the evaluation set is dropped first, so nothing is scored by a model that saw it.
/// </summary>
public static class HeldOutTraining
{
    public static HeldOutModel Train(IReadOnlyList<NamedDataSet> training, IReadOnlyList<OutcomeItem> evaluation, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(options);
        var held = evaluation.Select(i => i.Prompt.Trim()).ToHashSet(StringComparer.Ordinal);
        var sets = training
            .Select(s => s with { Items = s.Items.Where(i => !held.Contains(i.Prompt.Trim())).ToList() })
            .Where(s => s.Items.Count > 0)
            .ToList();
        var excluded = training.Sum(s => s.Items.Count) - sets.Sum(s => s.Items.Count);
        if (sets.Count == 0)
        {
            throw new LocusException(LocusError.Invalid("nothing left to train on: every training prompt is also in the evaluation data; pass other data sets to --train", "train"));
        }

        var all = sets.SelectMany(s => s.Items).ToList();
        var set = TrainingSet.From(all, options);
        var model = LogisticTrainer.Train(set, Enumerable.Range(0, set.Count).ToArray(), options);
        model = model.WithCalibration(RouterTraining.Calibrate(model, set, sets));
        var name = "learned (trained on " + string.Join(", ", sets.Select(s => s.Name)) + ")";
        return new HeldOutModel(new LearnedScorer(model, name), all.Count, excluded);
    }
}

/// <param name="Scorer">The trained router.</param>
/// <param name="Trained">Prompts it was trained on.</param>
/// <param name="Excluded">Training prompts dropped because the evaluation set has them too.</param>
public sealed record HeldOutModel(LearnedScorer Scorer, int Trained, int Excluded);
