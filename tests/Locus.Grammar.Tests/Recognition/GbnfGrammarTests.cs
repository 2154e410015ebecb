namespace Locus.Grammar.Tests.Recognition;

/// <summary>The recogniser itself, on hand-written grammars, so that a grammar check that passes means something.</summary>
public sealed class GbnfGrammarTests
{
    [Theory]
    [InlineData("root ::= \"ab\" [0-9]+", "ab12", true)]
    [InlineData("root ::= \"ab\" [0-9]+", "ab", false)]
    [InlineData("root ::= (\"x\" | \"y\"){2,3}", "xyx", true)]
    [InlineData("root ::= (\"x\" | \"y\"){2,3}", "xyxy", false)]
    [InlineData("root ::= (\"x\" | \"y\"){2,3}", "x", false)]
    [InlineData("root ::= [^\"\\\\] item?\nitem ::= \"\\\"\"", "a\"", true)]
    [InlineData("root ::= [^\"\\\\] item?\nitem ::= \"\\\"\"", "\\", false)]
    [InlineData("root ::= \"[\" (root (\",\" root)*)? \"]\"", "[[],[[]]]", true)]
    [InlineData("root ::= \"[\" (root (\",\" root)*)? \"]\"", "[[],[[]]", false)]
    [InlineData("root ::= | \"a\" root", "aaaa", true)]
    [InlineData("root ::= [\\x41-\\x43]{0,2} \"é\"", "ACé", true)]
    [InlineData("root ::= [\\x41-\\x43]{0,2} \"é\"", "ADé", false)]
    public void Accepts_HandWrittenGrammar_MatchesWholeStringsOnly(string grammar, string text, bool expected)
    {
        Assert.Equal(expected, GbnfGrammar.Parse(grammar).Accepts(text));
    }

    [Fact]
    public void Parse_UndefinedRule_Throws()
    {
        Assert.Throws<FormatException>(() => GbnfGrammar.Parse("root ::= missing"));
    }
}
