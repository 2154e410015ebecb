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
}
