using Locus.Llama.Tools;
using static Locus.Llama.Tests.Tools.ParserHarness;

namespace Locus.Llama.Tests.Tools;

public sealed class ToolCallStreamParserTests
{
    public static TheoryData<string> Cases() => [.. ParserFixtures.All.Select(c => c.Name)];

    private static ParserFixtures.Case Fixture(string name) => ParserFixtures.All.Single(c => c.Name == name);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Feed_WholeOutput_FindsTheExpectedEvents(string name)
    {
        var fixture = Fixture(name);

        Assert.Equal(fixture.Expected, Whole(fixture.Format, fixture.Output));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Feed_SplitAtEveryBoundary_GivesTheSameEventsAsWhole(string name)
    {
        var fixture = Fixture(name);
        var output = fixture.Output;

        for (var i = 0; i <= output.Length; i++)
        {
            Assert.Equal(fixture.Expected, Run(fixture.Format, [output[..i], output[i..]]));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Feed_FixedAndRandomPieceSizes_GiveTheSameEventsAsWhole(string name)
    {
        var fixture = Fixture(name);

        foreach (var size in new[] { 1, 2, 3, 7 })
        {
            Assert.Equal(fixture.Expected, Run(fixture.Format, Chunks(fixture.Output, size)));
        }

        for (var seed = 0; seed < 20; seed++)
        {
            Assert.Equal(fixture.Expected, Run(fixture.Format, RandomPieces(fixture.Output, seed)));
        }
    }

    [Fact]
    public void Feed_PossibleOpenerPrefix_HoldsItBackUntilKnown()
    {
        var parser = new ToolCallStreamParser(ToolCallFormat.Hermes);

        Assert.Equal([new TextDelta("Let me look. ")], parser.Feed("Let me look. <tool"));
        Assert.Empty(parser.Feed("_call>\n{\"name\""));
        Assert.Equal([new CallStarted(0, "lookup")], parser.Feed(": \"lookup\""));
    }

    [Fact]
    public void Feed_NotAnOpenerAfterAll_ReleasesTheHeldText()
    {
        var parser = new ToolCallStreamParser(ToolCallFormat.Hermes);

        Assert.Equal([new TextDelta("a ")], parser.Feed("a <tool"));
        Assert.Equal([new TextDelta("<toolkit")], parser.Feed("kit"));
    }

    [Fact]
    public void Feed_ArgumentsArriving_StreamEachPieceAsWritten()
    {
        var parser = new ToolCallStreamParser(ToolCallFormat.Hermes);
        parser.Feed("<tool_call>\n{\"name\": \"get_weather\", \"arguments\": ");

        Assert.Equal([new ArgumentsDelta(0, "{\"city\":")], parser.Feed("{\"city\":"));
        Assert.Equal([new ArgumentsDelta(0, "\"Par")], parser.Feed("\"Par"));
        Assert.Equal([new ArgumentsDelta(0, "is\"}"), new CallEnded(0, "{\"city\":\"Paris\"}")], parser.Feed("is\"}}"));
        Assert.Empty(parser.Feed("\n</tool_call>"));
        Assert.Empty(parser.Finish());
    }

    [Fact]
    public void Feed_ArgumentsBeforeName_HoldsThemUntilTheNameArrives()
    {
        var parser = new ToolCallStreamParser(ToolCallFormat.Hermes);

        Assert.Empty(parser.Feed("<tool_call>{\"arguments\": {\"a\": 1}, "));
        Assert.Equal(
            [new CallStarted(0, "f"), new ArgumentsDelta(0, "{\"a\": 1}")],
            parser.Feed("\"name\": \"f\""));
    }

    [Fact]
    public void Feed_AfterFinish_Throws()
    {
        var parser = new ToolCallStreamParser(ToolCallFormat.Hermes);
        parser.Finish();

        Assert.Throws<InvalidOperationException>(() => parser.Feed("x"));
        Assert.Empty(parser.Finish());
    }

    [Fact]
    public void Feed_Null_ThrowsNamingTheParameter()
    {
        var parser = new ToolCallStreamParser(ToolCallFormat.Hermes);

        Assert.Equal("textPiece", Assert.Throws<ArgumentNullException>(() => parser.Feed(null!)).ParamName);
    }

    [Fact]
    public void Finish_OpenerOnly_ReportsAMalformedCallWithoutIndex()
    {
        var events = Whole(ToolCallFormat.MistralNamedArgs, "Ok [TOOL_CALLS]get_wea");

        Assert.Equal(
            [new TextDelta("Ok "), new MalformedCall(null, "[TOOL_CALLS]get_wea", "the output ended inside a tool call")],
            events);
    }

    [Fact]
    public void Finish_ClosingMarkupMissingAfterACompleteCall_ReportsOnlyTheCall()
    {
        var events = Whole(ToolCallFormat.DeepSeekR1,
            "<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>f\n```json\n{\"a\": true}\n```");

        Assert.Equal(Call(0, "f", "{\"a\": true}"), events);
    }

    [Fact]
    public void Feed_BrokenCallWithoutRecoveryLiteral_KeepsTheRestOutOfTheText()
    {
        var events = Whole(ToolCallFormat.MistralJsonArray, "[TOOL_CALLS][{\"name\": 7}] and more");

        var malformed = Assert.IsType<MalformedCall>(Assert.Single(events));
        Assert.Null(malformed.Index);
        Assert.Equal("[TOOL_CALLS][{\"name\": 7}] and more", malformed.RawText);
        Assert.Contains("name", malformed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Feed_CompactArguments_StayCompact()
    {
        const string args = "{\"a\":1,\"b\":[true,null,{\"c\":\"}\"}],\"d\":\"\\u00e9\"}";

        var events = Whole(ToolCallFormat.DeepSeekV31,
            $"<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>f<｜tool▁sep｜>{args}<｜tool▁call▁end｜><｜tool▁calls▁end｜>");

        Assert.Equal(Call(0, "f", args), events);
    }

    [Fact]
    public void Feed_EveryFixtureConcatenatedCallByCall_NumbersCallsInOrder()
    {
        var output = "<tool_call>{\"name\": \"a\", \"arguments\": {}}</tool_call>"
            + "text <tool_call>{\"name\": \"b\", \"arguments\": {}}</tool_call>"
            + "<tool_call>{\"name\": 1}</tool_call>"
            + "<tool_call>{\"name\": \"c\", \"arguments\": {}}</tool_call>";

        var events = Whole(ToolCallFormat.Hermes, output);

        Assert.Equal([0, 1, 2], events.OfType<CallEnded>().Select(e => e.Index));
        Assert.Equal(["a", "b", "c"], events.OfType<CallStarted>().Select(e => e.Name));
        Assert.Single(events.OfType<MalformedCall>());
        Assert.Equal("text ", Assert.Single(events.OfType<TextDelta>()).Text);
    }
}
