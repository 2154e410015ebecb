using Locus.RouterLab.Learning;

namespace Locus.RouterLab.Tests.Learning;

public sealed class LearnedScorerTests
{
    private static readonly TrainingOptions Options = new(Epochs: 4) { Featurizer = new(HashBits: 12) };

    [Fact]
    public void CrossValidated_KnownPrompt_OutOfFoldScore()
    {
        var items = LogisticTrainerTests.ToySet(4);
        var expected = GroupedCrossValidation.Run(TrainingSet.From(items, Options), 2, Options).Scores;

        var scorer = LearnedScorer.CrossValidated(items, 2, Options);

        Assert.Equal("learned-cv", scorer.Name);
        for (var i = 0; i < items.Count; i++)
        {
            Assert.Equal(expected[i], scorer.Score(items[i].Prompt));
        }
    }

    [Fact]
    public void CrossValidated_UnknownPrompt_FullModelScore()
    {
        var items = LogisticTrainerTests.ToySet(4);
        var full = LogisticTrainer.Train(items, Options);

        var scorer = LearnedScorer.CrossValidated(items, 2, Options);

        Assert.Equal(full.Predict("derive the integral of lakes"), scorer.Score("derive the integral of lakes"), 10);
    }

    [Fact]
    public void TrainingSet_LabelsAndGapWeights()
    {
        OutcomeItem[] items = [new("a", "g", 0.2, 0.9), new("b", "g", 1, 1), new("c", "g", 0.8, 0.3)];

        var set = TrainingSet.From(items, Options);

        Assert.Equal([1.0, 0, 0], set.Labels);
        Assert.Equal(1.2, set.Weights[0], 10);
        Assert.Equal(0.5, set.Weights[1], 10);
        Assert.Equal(1.0, set.Weights[2], 10);
        Assert.Equal([1.0, 1, 1], TrainingSet.From(items, Options with { GapWeighted = false }).Weights);
    }
}
