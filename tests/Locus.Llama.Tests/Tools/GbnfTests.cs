using Locus.Llama.Tools;

namespace Locus.Llama.Tests.Tools;

public sealed class GbnfTests
{
    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("a\"b\\c", "\"a\\\"b\\\\c\"")]
    [InlineData("line\nnext\ttab\r", "\"line\\nnext\\ttab\\r\"")]
    [InlineData("\u0001\u007F", "\"\\x01\\x7F\"")]
    [InlineData("<｜tool▁sep｜>", "\"<｜tool▁sep｜>\"")]
    public void Literal_EscapesWhatGbnfNeeds(string text, string expected)
    {
        Assert.Equal(expected, Gbnf.Literal(text));
    }

    [Theory]
    [InlineData("get_weather", "get-weather")]
    [InlineData("a.b c9", "a-b-c9")]
    public void RuleName_KeepsOnlyLettersDigitsAndDashes(string text, string expected)
    {
        Assert.Equal(expected, Gbnf.RuleName(text));
    }

    [Fact]
    public void RuleName_Empty_ThrowsNamingText()
    {
        Assert.Equal("text", Assert.Throws<ArgumentException>(() => Gbnf.RuleName("")).ParamName);
    }
}
