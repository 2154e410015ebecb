using System.Text.Json;
using Locus.Grammar.Tests.Recognition;

namespace Locus.Grammar.Tests;

/// <summary>Several schemas and hand-written rules in one grammar, as tool calls need.</summary>
public sealed class GbnfBuilderTests
{
    private const string Weather = """{"type":"object","properties":{"city":{"type":"string"},"days":{"type":"integer","minimum":1,"maximum":7}},"required":["city"],"additionalProperties":false}""";
    private const string Search = """{"type":"object","properties":{"query":{"type":"string"},"filter":{"$ref":"#/$defs/f"}},"required":["query"],"additionalProperties":false,"$defs":{"f":{"enum":["news","web"]}}}""";
    private const string OtherSearch = """{"type":"object","properties":{"filter":{"$ref":"#/$defs/f"}},"required":["filter"],"additionalProperties":false,"$defs":{"f":{"type":"boolean"}}}""";

    private static JsonElement Schema(string text) => JsonDocument.Parse(text).RootElement;

    [Fact]
    public void Build_ToolCallGrammar_AcceptsEachToolsCallOnly()
    {
        var builder = new GbnfBuilder();
        var weather = builder.AddSchema(Schema(Weather), "get_weather");
        var search = builder.AddSchema(Schema(Search), "web.search");
        builder.AddRule("call", $"{GbnfBuilder.Literal("{\"name\": \"get_weather\", \"arguments\": ")} {weather} \"}}\" | "
            + $"{GbnfBuilder.Literal("{\"name\": \"web.search\", \"arguments\": ")} {search} \"}}\"");
        builder.AddRule("root", $"{GbnfBuilder.Literal("<tool_call>")} space call space {GbnfBuilder.Literal("</tool_call>")}");

        var text = builder.Build();
        var grammar = GbnfGrammar.Parse(text);

        Assert.Equal("get-weather", weather);
        Assert.Equal("web-search", search);
        Assert.True(grammar.Accepts("""<tool_call>{"name": "get_weather", "arguments": {"city":"Oslo","days":3}}</tool_call>"""));
        Assert.True(grammar.Accepts("""<tool_call> {"name": "web.search", "arguments": {"query":"x","filter":"web"}}</tool_call>"""));
        Assert.False(grammar.Accepts("""<tool_call>{"name": "get_weather", "arguments": {"city":"Oslo","days":8}}</tool_call>"""));
        Assert.False(grammar.Accepts("""<tool_call>{"name": "web.search", "arguments": {"city":"Oslo"}}</tool_call>"""));

        // The shared rules are written once.
        Assert.Single(text.Split('\n'), l => l.StartsWith("space ::=", StringComparison.Ordinal));
        Assert.Single(text.Split('\n'), l => l.StartsWith("string ::=", StringComparison.Ordinal));
    }

    [Fact]
    public void AddSchema_SameRefNameInTwoSchemas_EachResolvesWithinItsOwnSchema()
    {
        var builder = new GbnfBuilder();
        var search = builder.AddSchema(Schema(Search), "a");
        var other = builder.AddSchema(Schema(OtherSearch), "b");
        builder.AddRule("root", $"{search} | {other}");
        var grammar = GbnfGrammar.Parse(builder.Build());

        Assert.True(grammar.Accepts("""{"query":"q","filter":"news"}"""));
        Assert.True(grammar.Accepts("""{"filter":true}"""));
        Assert.False(grammar.Accepts("""{"filter":"news"}"""));
    }

    [Fact]
    public void AddSchema_SameNameTwice_DifferentSchemasGetDifferentRules()
    {
        var builder = new GbnfBuilder();
        var first = builder.AddSchema(Schema(Weather), "tool");
        var second = builder.AddSchema(Schema(OtherSearch), "tool");
        var again = builder.AddSchema(Schema(Weather), "tool");

        Assert.NotEqual(first, second);
        Assert.Equal(first, again);
    }

    [Fact]
    public void AddRule_DifferentBodyUnderTakenName_Throws()
    {
        var builder = new GbnfBuilder();
        builder.AddRule("root", "\"a\"");
        builder.AddRule("root", "\"a\"");

        Assert.Throws<InvalidOperationException>(() => builder.AddRule("root", "\"b\""));
        Assert.Throws<InvalidOperationException>(() => builder.AddRule("space", "\"b\""));
        Assert.Throws<ArgumentException>(() => builder.AddRule("not a name", "\"b\""));
        Assert.Throws<ArgumentException>(() => builder.AddSchema(Schema("{}"), ""));
    }

    [Theory]
    [InlineData("<tool_call>", "\"<tool_call>\"")]
    [InlineData("say \"hi\"\n", "\"say \\\"hi\\\"\\n\"")]
    [InlineData("a\\b\tc\r\u0001", "\"a\\\\b\\tc\\r\\x01\"")]
    public void Literal_Text_EscapedGbnfLiteral(string text, string expected)
    {
        Assert.Equal(expected, GbnfBuilder.Literal(text));
        Assert.True(GbnfGrammar.Parse("root ::= " + expected).Accepts(text));
    }
}
