using Locus.Routing.Ensembles;

namespace Locus.Routing.Tests.Ensembles;

public sealed class AgreementTests
{
    [Fact]
    public void Measure_AutoWithShortAnswers_VotesOnNormalisedAnswers()
    {
        var result = Agreement.Measure(["(B)", "The answer is B.", "C", "Answer: B"]);

        Assert.Equal(AgreementMeasure.Vote, result.Measure);
        Assert.Equal((0.75, 3, 4, 0), (result.Score, result.Agreeing, result.Count, result.Chosen));
        Assert.Equal(new ShortAnswer(ShortAnswerKind.Choice, "B"), result.Winner);
    }

    [Fact]
    public void Measure_VoteTie_ChoosesThePluralityAnswerGivenFirst()
    {
        var result = Agreement.Measure(["12", "$7", "7.0", "12.00"]);

        Assert.Equal((0.5, 0), (result.Score, result.Chosen));
        Assert.Equal("12", result.Winner!.Value);
    }

    [Fact]
    public void Measure_AutoWithOneLongAnswer_UsesSimilarity()
    {
        var result = Agreement.Measure(["B", "B", "B is right because the premise says so and nothing contradicts it"]);

        Assert.Equal(AgreementMeasure.Similarity, result.Measure);
        Assert.True(result.Score < 1);
    }

    [Fact]
    public void Measure_SimilarityForced_OnShortSpellingsOfOneAnswer_SeesLessAgreementThanVote()
    {
        string[] answers = ["(B)", "The answer is B.", "B"];

        var similarity = Agreement.Measure(answers, AgreementMeasure.Similarity);
        var vote = Agreement.Measure(answers, AgreementMeasure.Vote);

        Assert.Equal(1.0, vote.Score);
        Assert.True(similarity.Score < vote.Score, $"similarity {similarity.Score}");
    }

    [Fact]
    public void Measure_VoteForcedOnLongAnswers_ComparesFoldedText()
    {
        var result = Agreement.Measure(["The sky is blue by day.", "the  SKY is blue, by day", "Grass is green in the spring"], AgreementMeasure.Vote);

        Assert.Equal((2, (double)2 / 3), (result.Agreeing, result.Score));
        Assert.Null(result.Winner);
        Assert.Contains("one text", result.Describe(0.5), StringComparison.Ordinal);
    }

    [Fact]
    public void Measure_SimilarityOfLongAnswers_ReturnsTheMedoid()
    {
        var result = Agreement.Measure([
            "blue light scatters more than red light in the air",
            "red light is absorbed by dust near the ground",
            "blue light scatters more than red light in air",
        ]);

        Assert.Equal(AgreementMeasure.Similarity, result.Measure);
        Assert.NotEqual(1, result.Chosen);
    }

    [Theory]
    [InlineData(new[] { "B", "(B)", "C", "B" }, 0.6, "vote 3/4 agree on \"B\" (0.75 ≥ 0.60)")]
    [InlineData(new[] { "B", "C" }, 0.6, "vote 1/2 agree on \"B\" (0.50 < 0.60)")]
    [InlineData(new[] { "4821", "4821" }, 0.6, "vote 2/2 agree on one number (1.00 ≥ 0.60)")]
    public void Describe_Vote_SaysShareAndWinner(string[] answers, double threshold, string expected) =>
        Assert.Equal(expected, Agreement.Measure(answers).Describe(threshold));

    [Fact]
    public void Describe_Similarity_SaysScoreAgainstThreshold()
    {
        var result = Agreement.Measure(["one two three four five", "one two three four six"]);

        Assert.Equal("similarity 0.67 ≥ 0.60", result.Describe(0.6));
        Assert.Equal("similarity 0.67 < 0.70", result.Describe(0.7));
    }
}
