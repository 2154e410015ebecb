namespace Locus.RouterLab.Learning;

/// <summary>One fold: which groups trained the model and which were scored with it (never both).</summary>
public sealed record FoldSplit(IReadOnlySet<string> TrainGroups, IReadOnlySet<string> TestGroups, int TrainCount, int TestCount);

/// <summary>Out-of-fold scores (one per row, in row order, from a model that never saw the row's group) and the folds.</summary>
public sealed record CrossValidationResult(IReadOnlyList<double> Scores, IReadOnlyList<FoldSplit> Folds);

/// <summary>
/// Grouped k-fold cross-validation: whole groups (MMLU subject, MT-Bench category, data source) are assigned to folds,
/// so a prompt is never scored by a model trained on its own subject; this is what makes the numbers honest, since
/// items within a subject share wording that would otherwise leak the answer.
/// </summary>
public static class GroupedCrossValidation
{
    public static CrossValidationResult Run(TrainingSet set, int folds, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(set);
        return Run(set, Enumerable.Range(0, set.Count).ToArray(), folds, options);
    }

    /// <summary>Cross-validates over the examples at <paramref name="rows"/> only.</summary>
    public static CrossValidationResult Run(TrainingSet set, int[] rows, int folds, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        var foldOf = AssignFolds(rows.Select(r => set.Groups[r]).ToArray(), folds, options.Seed);
        var foldCount = foldOf.Values.Max() + 1;
        var scores = new double[rows.Length];
        var splits = new List<FoldSplit>(foldCount);
        for (var fold = 0; fold < foldCount; fold++)
        {
            var train = new List<int>();
            var test = new List<int>();
            for (var i = 0; i < rows.Length; i++)
            {
                (foldOf[set.Groups[rows[i]]] == fold ? test : train).Add(i);
            }

            var trainGroups = train.Select(i => set.Groups[rows[i]]).ToHashSet(StringComparer.Ordinal);
            var testGroups = test.Select(i => set.Groups[rows[i]]).ToHashSet(StringComparer.Ordinal);
            splits.Add(new FoldSplit(trainGroups, testGroups, train.Count, test.Count));

            // With a single group nothing can train that is not the test group: every row gets the same neutral score.
            if (train.Count == 0)
            {
                foreach (var i in test)
                {
                    scores[i] = 0.5;
                }

                continue;
            }

            var model = LogisticTrainer.Train(set, [.. train.Select(i => rows[i])], options);
            foreach (var i in test)
            {
                scores[i] = model.Predict(set.Features[rows[i]]);
            }
        }

        return new CrossValidationResult(scores, splits);
    }

    /// <summary>Groups in a seeded shuffled order, dealt round-robin to min(folds, groups) folds.</summary>
    public static IReadOnlyDictionary<string, int> AssignFolds(IReadOnlyList<string> groups, int folds, int seed)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var distinct = groups.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (distinct.Length == 0)
        {
            throw new ArgumentException("Cross-validation needs at least one item.", nameof(groups));
        }

        new Random(seed).Shuffle(distinct);
        var k = Math.Min(folds, distinct.Length);
        var assignment = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < distinct.Length; i++)
        {
            assignment[distinct[i]] = i % k;
        }

        return assignment;
    }
}
