using Locus.RouterLab.Learning;

namespace Locus.RouterLab.Tests.Learning;

public sealed class GroupedCrossValidationTests
{
    private static readonly TrainingOptions Options = new(Epochs: 4) { Featurizer = new(HashBits: 12) };

    [Fact]
    public void Run_EveryFold_TrainAndTestGroupsDisjointAndCoverAll()
    {
        var items = LogisticTrainerTests.ToySet(7);
        var result = GroupedCrossValidation.Run(TrainingSet.From(items, Options), 3, Options);

        var allGroups = items.Select(i => i.Group).ToHashSet();
        Assert.Equal(3, result.Folds.Count);
        foreach (var fold in result.Folds)
        {
            Assert.Empty(fold.TrainGroups.Intersect(fold.TestGroups));
            Assert.Equal(allGroups, fold.TrainGroups.Union(fold.TestGroups).ToHashSet());
            Assert.Equal(items.Count, fold.TrainCount + fold.TestCount);
        }

        // Each group is tested exactly once.
        Assert.Equal(allGroups.Count, result.Folds.Sum(f => f.TestGroups.Count));
        Assert.Equal(items.Count, result.Scores.Count);
    }

    [Fact]
    public void Run_SeparableWording_OutOfFoldScoresRankWell()
    {
        var items = LogisticTrainerTests.ToySet(6);
        var set = TrainingSet.From(items, Options);
        var result = GroupedCrossValidation.Run(set, 3, Options);

        Assert.True(RankingMetrics.Auc(result.Scores, set.Labels) > 0.9);
    }

    [Fact]
    public void Run_LabelOnlyInGroupToken_NoBetterThanChance()
    {
        // The label is a property of the group, marked only by a group-unique token: a model that saw the test group
        // would score perfectly; one that never did cannot.
        var items = new List<OutcomeItem>();
        var random = new Random(5);
        for (var g = 0; g < 12; g++)
        {
            var token = new string([.. Enumerable.Range(0, 8).Select(_ => (char)('a' + random.Next(26)))]);
            for (var i = 0; i < 6; i++)
            {
                items.Add(new OutcomeItem($"{token} {token} question", $"g{g}", 0, g % 2));
            }
        }

        var set = TrainingSet.From(items, Options);
        var result = GroupedCrossValidation.Run(set, 4, Options);

        Assert.True(RankingMetrics.Auc(result.Scores, set.Labels) < 0.8);
    }

    [Fact]
    public void AssignFolds_SameSeed_SameAssignment()
    {
        string[] groups = ["a", "b", "c", "d", "e", "a", "b"];

        Assert.Equal(GroupedCrossValidation.AssignFolds(groups, 2, 1), GroupedCrossValidation.AssignFolds(groups, 2, 1));
        Assert.Equal(3, GroupedCrossValidation.AssignFolds(groups, 3, 1).Values.Distinct().Count());
    }
}
