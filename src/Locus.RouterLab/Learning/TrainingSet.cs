using Locus.Routing.Learning;

namespace Locus.RouterLab.Learning;

/// <summary>
/// Outcome items featurized once: label 1 when the strong model did better than the weak one (the weak one "fails"),
/// with an example weight and the item's group for grouped cross-validation.
/// </summary>
public sealed class TrainingSet
{
    private TrainingSet(SparseVector[] features, double[] labels, double[] weights, string[] groups)
    {
        Features = features;
        Labels = labels;
        Weights = weights;
        Groups = groups;
    }

    public IReadOnlyList<SparseVector> Features { get; }

    public IReadOnlyList<double> Labels { get; }

    public IReadOnlyList<double> Weights { get; }

    public IReadOnlyList<string> Groups { get; }

    public int Count => Labels.Count;

    public static TrainingSet From(IReadOnlyList<OutcomeItem> items, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(options);
        var featurizer = new HashedNgramFeaturizer(options.Featurizer);
        var features = new SparseVector[items.Count];
        var labels = new double[items.Count];
        var weights = new double[items.Count];
        var groups = new string[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            features[i] = featurizer.Featurize(item.Prompt);
            labels[i] = NeedsStrong(item) ? 1 : 0;
            weights[i] = options.GapWeighted ? 0.5 + Math.Abs(item.StrongQuality - item.WeakQuality) : 1;
            groups[i] = item.Group;
        }

        return new TrainingSet(features, labels, weights, groups);
    }

    public static bool NeedsStrong(OutcomeItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.StrongQuality > item.WeakQuality;
    }
}
