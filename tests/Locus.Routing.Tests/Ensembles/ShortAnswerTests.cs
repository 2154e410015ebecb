using Locus.Routing.Ensembles;

namespace Locus.Routing.Tests.Ensembles;

public sealed class ShortAnswerTests
{
    [Theory]
    [InlineData("B")]
    [InlineData("(B)")]
    [InlineData("B)")]
    [InlineData(" B.\n")]
    [InlineData("Answer: B")]
    [InlineData("The answer is B.")]
    [InlineData("The correct answer is (B)")]
    [InlineData("answer: b")]
    [InlineData("**B**")]
    [InlineData("B) Paris")]
    [InlineData("(B) the second option")]
    public void Extract_ChoiceSpellings_AreLetter(string text) =>
        Assert.Equal(new ShortAnswer(ShortAnswerKind.Choice, "B"), ShortAnswer.Extract(text));

    [Theory]
    [InlineData("42", "42")]
    [InlineData("42.0", "42")]
    [InlineData("$1,234", "1234")]
    [InlineData("1,234.50", "1234.5")]
    [InlineData("#### 42", "42")]
    [InlineData("Natalia sold 48 clips in April and half as many in May.\nSo 48 + 24 = 72.\n#### 72", "72")]
    [InlineData("the answer is 42", "42")]
    [InlineData("The final answer is -3.", "-3")]
    [InlineData("-0.50", "-0.5")]
    [InlineData("12%", "12%")]
    public void Extract_NumberSpellings_AreNormalisedNumber(string text, string expected) =>
        Assert.Equal(new ShortAnswer(ShortAnswerKind.Number, expected), ShortAnswer.Extract(text));

    [Theory]
    [InlineData("Yes", "yes")]
    [InlineData("no.", "no")]
    [InlineData("TRUE!", "true")]
    [InlineData("Answer: false", "false")]
    public void Extract_YesNoTrueFalse_AreLowerCased(string text, string expected) =>
        Assert.Equal(new ShortAnswer(ShortAnswerKind.YesNo, expected), ShortAnswer.Extract(text));

    [Theory]
    [InlineData("Paris", "paris")]
    [InlineData("  New   York City. ", "new york city")]
    [InlineData("\"Rayleigh scattering\"", "rayleigh scattering")]
    [InlineData("I do", "i do")]
    public void Extract_ShortPhrase_IsFolded(string text, string expected) =>
        Assert.Equal(new ShortAnswer(ShortAnswerKind.Phrase, expected), ShortAnswer.Extract(text));

    [Theory]
    [InlineData("A. Lincoln was the sixteenth president of the United States.")]
    [InlineData("B is wrong because the question asks about gases, not liquids.")]
    [InlineData("I think the answer is B but C is also plausible")]
    [InlineData("x = 42")]
    [InlineData("return a + b")]
    [InlineData("def f(x):\n    return 42")]
    [InlineData("B\nbecause the other options contradict the premise")]
    [InlineData("42 apples and 3 oranges in the basket")]
    [InlineData("Yes, because the file is missing from the build")]
    [InlineData("#### forty-two")]
    [InlineData("3.14.15")]
    [InlineData("")]
    [InlineData("   ")]
    public void Extract_LookAlikesAndLongAnswers_StayLong(string text) =>
        Assert.Null(ShortAnswer.Extract(text));

    [Fact]
    public void Extract_BLooksLikeChoiceButIsAPhrase_IsNotChoice()
    {
        var answer = ShortAnswer.Extract("B is wrong");
        Assert.NotNull(answer);
        Assert.Equal(ShortAnswerKind.Phrase, answer.Kind);
    }

    [Fact]
    public void Extract_LowerCaseLetterWithoutPrefix_IsNotChoice() =>
        Assert.NotEqual(ShortAnswerKind.Choice, ShortAnswer.Extract("a")?.Kind);

    [Fact]
    public void Display_NumbersAndPhrases_HideTheirValue()
    {
        Assert.Equal("\"B\"", ShortAnswer.Extract("(B)")!.Display);
        Assert.DoesNotContain("4821", ShortAnswer.Extract("4821")!.Display, StringComparison.Ordinal);
        Assert.DoesNotContain("paris", ShortAnswer.Extract("Paris")!.Display, StringComparison.Ordinal);
    }
}
