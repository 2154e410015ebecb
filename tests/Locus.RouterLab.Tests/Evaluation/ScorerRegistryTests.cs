using Locus.RouterLab.Evaluation;
using Xunit;

namespace Locus.RouterLab.Tests.Evaluation;

public sealed class ScorerRegistryTests
{
    [Fact]
    public void Find_BuiltIns_ReturnNamedScorers()
    {
        Assert.Equal("heuristic", ScorerRegistry.Find("heuristic")?.Name);
        Assert.Equal("random", ScorerRegistry.Find("RANDOM")?.Name);
        Assert.Null(ScorerRegistry.Find("no-such-router"));
    }

    [Fact]
    public void Register_NewName_IsFoundAndListed()
    {
        var name = $"test-{Guid.NewGuid():N}";

        ScorerRegistry.Register(name, () => new ConstantScorer(name));

        Assert.Equal(name, ScorerRegistry.Find(name)?.Name);
        Assert.Contains(name, ScorerRegistry.Names);
    }

    [Fact]
    public void Heuristic_HarderPrompt_ScoresHigher()
    {
        var scorer = ScorerRegistry.Find("heuristic")!;

        var easy = scorer.Score("What is the capital of France?");
        var hard = scorer.Score("Prove step by step that the algorithm's complexity of the merge is O(n log n), then analyze the trade-offs and design a concurrent version free of race conditions.");

        Assert.True(hard > easy, $"hard {hard} should exceed easy {easy}");
    }

    [Fact]
    public void Random_SamePrompt_SameScoreInUnitInterval()
    {
        var scorer = ScorerRegistry.Find("random")!;
        var scores = Enumerable.Range(0, 1000).Select(i => scorer.Score($"prompt {i}")).ToArray();

        Assert.All(scores, s => Assert.InRange(s, 0, 1));
        Assert.Equal(scores[3], scorer.Score("prompt 3"));
        Assert.InRange(scores.Average(), 0.45, 0.55);
    }

    private sealed class ConstantScorer(string name) : IPromptScorer
    {
        public string Name => name;

        public double Score(string prompt) => 0;
    }
}
