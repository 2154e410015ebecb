using System.Text.Json;

namespace Locus.Grammar.Tests;

/// <summary>Schemas the converter refuses: a <see cref="SchemaGrammarException"/> naming where, never a crash.</summary>
public sealed class SchemaErrorTests
{
    [Theory]
    [InlineData("""{"type":"object","properties":{"city":{"type":"string","pattern":"^(ab$"}}}""", "properties.city.pattern", "unbalanced")]
    [InlineData("""{"type":"object","properties":{"city":{"type":"strin"}}}""", "properties.city.type", "unrecognized type 'strin'")]
    [InlineData("""{"$ref":"https://example.com/schema.json"}""", "$ref", "only references into the same schema")]
    [InlineData("""{"$ref":"#/$defs/Missing","$defs":{}}""", "$ref", "'Missing' not found")]
    [InlineData("""{"$ref":"#/$defs/Foo","$defs":{"Foo":{"type":7}}}""", "$defs.Foo.type", "type must be a string")]
    [InlineData("""{"anyOf":[]}""", "anyOf", "must not be an empty array")]
    [InlineData("""{"oneOf":[{"type":"null"},3]}""", "oneOf.1", "must be an object or a boolean")]
    [InlineData("""{"type":"array","items":{"type":"integer"},"minItems":-1}""", "minItems", "non-negative integer")]
    [InlineData("""{"type":"array","minItems":3,"maxItems":2}""", "minItems", "greater than maxItems")]
    [InlineData("""{"type":"string","maxLength":"5"}""", "maxLength", "non-negative integer")]
    [InlineData("""{"type":"integer","minimum":5,"maximum":4}""", "", "no integer satisfies both")]
    [InlineData("""{"type":"integer","minimum":"0"}""", "minimum", "must be a number")]
    [InlineData("""{"enum":[]}""", "enum", "non-empty array")]
    [InlineData("""{"type":"object","properties":{"a":false}}""", "properties.a", "accepts no value")]
    [InlineData("""{"type":"object","properties":{"a":{}},"required":["b"]}""", "required", "'b' is not among the properties")]
    [InlineData("""{"type":"object","additionalProperties":3}""", "additionalProperties", "boolean or a schema")]
    [InlineData("""{"$ref":"#/$defs/A","$defs":{"A":{"$ref":"#/$defs/A"}}}""", "$defs.A", "refers only to itself")]
    [InlineData("[]", "", "must be an object or a boolean")]
    public void Convert_InvalidSchema_ThrowsWithPath(string schema, string path, string message)
    {
        using var document = JsonDocument.Parse(schema);
        var error = Assert.Throws<SchemaGrammarException>(() => JsonSchemaGrammar.Convert(document.RootElement));
        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSchema_UnsupportedPattern_LoosensToAnyStringWithWarning()
    {
        using var document = JsonDocument.Parse("""{"type":"object","properties":{"zip":{"type":"string","pattern":"^\\d{5}$"}}}""");
        var builder = new GbnfBuilder();
        builder.AddSchema(document.RootElement, "root");

        Assert.Contains("zip ::= string", builder.Build(), StringComparison.Ordinal);
        Assert.Contains(builder.Warnings, w => w.StartsWith("properties.zip.pattern:", StringComparison.Ordinal));
    }

    [Fact]
    public void AddSchema_UnenforcedKeywords_Warned()
    {
        using var document = JsonDocument.Parse("""{"type":"object","properties":{"n":{"type":"number","minimum":1},"e":{"type":"string","format":"email"}},"minProperties":1}""");
        var builder = new GbnfBuilder();
        builder.AddSchema(document.RootElement, "root");

        Assert.Equal(["minProperties", "properties.n.minimum", "properties.e.format"], builder.Warnings.Select(w => w[..w.IndexOf(':', StringComparison.Ordinal)]));
    }
}
