using Locus.RouterLab.Learning;

namespace Locus.RouterLab.Tests.Learning;

public sealed class LogisticTrainerTests
{
    private static readonly string[] HardTopics = ["prove the theorem about", "derive the integral of", "optimize the recursive algorithm for"];
    private static readonly string[] EasyTopics = ["what is the capital of", "say hello to", "translate the word"];
    private static readonly string[] Nouns = ["cats", "rivers", "graphs", "matrices", "poems", "cities", "trees", "songs"];

    /// <summary>Separable by wording: hard wording means only the strong model gets it right.</summary>
    internal static List<OutcomeItem> ToySet(int groups)
    {
        var items = new List<OutcomeItem>();
        for (var g = 0; g < groups; g++)
        {
            foreach (var noun in Nouns)
            {
                items.Add(new OutcomeItem($"{HardTopics[(g + noun.Length) % 3]} {noun} in group {g}", $"g{g}", 0, 1));
                items.Add(new OutcomeItem($"{EasyTopics[(g + noun.Length) % 3]} {noun} in group {g}", $"g{g}", 1, 1));
            }
        }

        return items;
    }

    [Fact]
    public void Train_SeparableToySet_RanksHardAboveEasyOnUnseenPrompts()
    {
        var options = new TrainingOptions(Epochs: 10) { Featurizer = new(HashBits: 14) };
        var model = LogisticTrainer.Train(ToySet(4), options);

        var hard = model.Predict("prove the theorem about bridges");
        var easy = model.Predict("what is the capital of bridges");
        Assert.True(hard > 0.5, $"hard {hard}");
        Assert.True(easy < 0.5, $"easy {easy}");
    }

    [Fact]
    public void Train_SameSeed_SameWeights()
    {
        var options = new TrainingOptions(Epochs: 3, Seed: 9) { Featurizer = new(HashBits: 12) };
        var a = LogisticTrainer.Train(ToySet(3), options);
        var b = LogisticTrainer.Train(ToySet(3), options);
        var c = LogisticTrainer.Train(ToySet(3), options with { Seed = 10 });

        Assert.Equal(a.Weights.ToArray(), b.Weights.ToArray());
        Assert.Equal(a.Bias, b.Bias);
        Assert.NotEqual(a.Weights.ToArray(), c.Weights.ToArray());
    }

    [Fact]
    public void Auc_KnownRankings_ExpectedValues()
    {
        double[] labels = [0, 0, 1, 1];
        Assert.Equal(1.0, RankingMetrics.Auc([0.1, 0.2, 0.3, 0.4], labels));
        Assert.Equal(0.0, RankingMetrics.Auc([0.4, 0.3, 0.2, 0.1], labels));
        Assert.Equal(0.5, RankingMetrics.Auc([0.5, 0.5, 0.5, 0.5], labels));
        Assert.Equal(0.75, RankingMetrics.Auc([0.1, 0.3, 0.2, 0.4], labels));
    }
}
