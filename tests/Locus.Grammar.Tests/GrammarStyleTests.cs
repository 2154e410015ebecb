using System.Text.Json;
using Locus.Grammar.Tests.Recognition;

namespace Locus.Grammar.Tests;

public sealed class GrammarStyleTests
{
    private static readonly JsonElement Schema =
        JsonDocument.Parse("""{"type":"object","properties":{"a":{"type":"integer"},"s":{"type":"string"}},"required":["a","s"]}""").RootElement;

    [Fact]
    public void Convert_Default_IsLlamaCppsWhitespaceAndEscapes()
    {
        var grammar = GbnfGrammar.Parse(JsonSchemaGrammar.Convert(Schema));

        Assert.True(grammar.Accepts("{\n    \"a\": 1,\n    \"s\": \"x\"\n}"));
        Assert.True(grammar.Accepts("""{"a":1,"s":"\uD800"}"""));
    }

    [Fact]
    public void Convert_Tight_AllowsOneSpaceAndNoSurrogateEscapes()
    {
        var grammar = GbnfGrammar.Parse(JsonSchemaGrammar.Convert(Schema, JsonGrammarStyle.Tight));

        Assert.True(grammar.Accepts("""{ "a": 1, "s": "x\u00e9\uFFFF" }"""));
        Assert.False(grammar.Accepts("{\n  \"a\": 1, \"s\": \"x\"}"));
        Assert.False(grammar.Accepts("""{"a":1,"s":"\uD800"}"""));
        Assert.False(grammar.Accepts("""{"a":1,"s":"\udfff"}"""));
    }

    [Fact]
    public void Convert_Tight_OnlyRealDates()
    {
        using var schema = JsonDocument.Parse("""{"type":"string","format":"date"}""");
        var llama = GbnfGrammar.Parse(JsonSchemaGrammar.Convert(schema.RootElement));
        var tight = GbnfGrammar.Parse(JsonSchemaGrammar.Convert(schema.RootElement, JsonGrammarStyle.Tight));

        Assert.True(llama.Accepts("\"2024-11-31\""));
        Assert.False(tight.Accepts("\"2024-11-31\""));
        Assert.False(tight.Accepts("\"2023-02-30\""));
        Assert.False(tight.Accepts("\"0000-01-01\""));
        Assert.True(tight.Accepts("\"2024-12-31\""));
        Assert.True(tight.Accepts("\"0001-04-30\""));
        Assert.True(tight.Accepts("\"1999-02-28\""));
    }
}
