using Locus.Core.Errors;
using Locus.Routing.Learning;
using Locus.Routing.Signals;

namespace Locus.RouterLab.Learning;

/// <summary>The learned router as an evaluation scorer: p(the strong model is needed) for a prompt.</summary>
public sealed class LearnedScorer : IPromptScorer
{
    private readonly LinearRouterModel model;
    private readonly IReadOnlyDictionary<string, double>? outOfFold;

    public LearnedScorer(LinearRouterModel model, string name = "learned")
        : this(model, null, name)
    {
    }

    private LearnedScorer(LinearRouterModel model, IReadOnlyDictionary<string, double>? outOfFold, string name)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        this.model = model;
        this.outOfFold = outOfFold;
        Name = name;
    }

    public string Name { get; }

    /// <summary>The model's score distribution over its training prompts (null for cross-validated scores, which come from several models).</summary>
    public ScoreCalibration? Calibration => outOfFold is null ? model.Calibration : null;

    /// <summary>The model shipped in Locus.Routing (trained on all of RouteLLM: only honest on other data).</summary>
    public static LearnedScorer Default() => new(LearnedComplexityEstimator.LoadDefault().Model);

    /// <summary>
    /// A scorer that answers each prompt of <paramref name="items"/> with its grouped cross-validation score (a model
    /// that never saw the prompt's group), and any other prompt with a model trained on all items.
    /// </summary>
    public static LearnedScorer CrossValidated(IReadOnlyList<OutcomeItem> items, int folds, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(options);
        var set = TrainingSet.From(items, options);
        if (items.Select(i => i.Group).Distinct(StringComparer.Ordinal).Count() < 2)
        {
            throw new LocusException(LocusError.Invalid("grouped cross-validation needs at least two groups (subjects, categories) in the data; this set has one, so train on other data sets with --train instead", "router"));
        }

        var result = GroupedCrossValidation.Run(set, folds, options);
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            scores.TryAdd(items[i].Prompt, result.Scores[i]);
        }

        var full = LogisticTrainer.Train(set, Enumerable.Range(0, set.Count).ToArray(), options);
        return new LearnedScorer(full, scores, "learned-cv");
    }

    public double Score(string prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return outOfFold is not null && outOfFold.TryGetValue(prompt, out var score) ? score : model.Predict(prompt);
    }
}
