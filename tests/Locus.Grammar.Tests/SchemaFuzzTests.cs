using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace Locus.Grammar.Tests;

/// <summary>Arbitrary schema-shaped JSON: a grammar or a <see cref="SchemaGrammarException"/>, never another exception.</summary>
public sealed class SchemaFuzzTests
{
    private static readonly string[] Keys =
    [
        "type", "properties", "required", "additionalProperties", "items", "prefixItems", "minItems", "maxItems", "enum",
        "const", "anyOf", "oneOf", "allOf", "$ref", "$defs", "pattern", "format", "minLength", "maxLength", "minimum",
        "maximum", "exclusiveMinimum", "exclusiveMaximum", "a",
    ];

    private static readonly string[] Scalars =
    [
        "\"object\"", "\"string\"", "\"integer\"", "\"array\"", "\"null\"", "\"nope\"", "\"#/$defs/a\"", "\"#\"",
        "\"#/properties/a\"", "\"http://x\"", "\"^[a-z]+(x|y){2,}$\"", "\"^(a\"", "\"date\"", "\"uuid\"", "0", "-1", "3",
        "2.5", "1e300", "-9223372036854775808", "true", "false", "null", "[]", "{}", "[\"a\"]",
    ];

    private static Gen<JsonNode?> Value(int depth) => depth == 0
        ? Gen.Elements(Scalars).Select(s => JsonNode.Parse(s))
        : Gen.Frequency(
            (3, Gen.Elements(Scalars).Select(s => JsonNode.Parse(s))),
            (3, Schema(depth - 1).Select(o => (JsonNode?)o)),
            (1, Value(depth - 1).ListOf(2).Select(l => (JsonNode?)new JsonArray([.. l]))));

    private static Gen<JsonObject> Schema(int depth) =>
        from count in Gen.Choose(0, 4)
        from keys in Gen.Elements(Keys).ListOf(count)
        from values in Value(depth).ListOf(count)
        select Build(keys, values);

    private static JsonObject Build(List<string> keys, List<JsonNode?> values)
    {
        var schema = new JsonObject();
        for (var i = 0; i < keys.Count; i++)
        {
            schema[keys[i]] = values[i];
        }

        return schema;
    }

    [Fact]
    public void Convert_ArbitrarySchemaShapes_GrammarOrSchemaGrammarException()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(Schema(3).ToArbitrary(), schema =>
        {
            using var document = JsonDocument.Parse(schema.ToJsonString());
            try
            {
                Assert.Contains("root ::= ", JsonSchemaGrammar.Convert(document.RootElement), StringComparison.Ordinal);
            }
            catch (SchemaGrammarException e)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
            }
        }));
    }
}
