using System.Text.Json;

namespace Locus.Grammar.Tests.Recognition;

/// <summary>
/// Grammars accept what their schema accepts and reject what it rejects, with JsonSchema.Net as the judge. Valid
/// instances are those the grammar is meant to produce: required properties first, then optional ones, each in schema
/// order (the grammar fixes the order, as llama.cpp's does), whitespace only where llama.cpp's grammars allow it (not before a comma), and every position
/// of a prefixItems tuple filled, every property of an allOf part present. JSON Schema also admits the others;
/// generation never needs them.
/// </summary>
public sealed class SemanticTests
{
    public static TheoryData<string, string[], string[]> Cases => new()
    {
        {
            """{"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer","minimum":0,"maximum":150},"tags":{"type":"array","items":{"type":"string"},"maxItems":2}},"required":["name"],"additionalProperties":false}""",
            ["""{"name":"Ada"}""", """{"name":"Ada","age":36}""", """{"name":"","age":0,"tags":["x","y"]}""", """{"name":"A\"b","tags":[]}""", """{ "name" : "x", "age" : 150 }"""],
            ["""{}""", """{"age":3}""", """{"name":"Ada","age":151}""", """{"name":"Ada","age":-1}""", """{"name":"Ada","tags":["a","b","c"]}""", """{"name":"Ada","extra":1}""", """{"name":3}"""]
        },
        {
            """{"type":"integer","minimum":-123,"maximum":42}""",
            ["-123", "-5", "0", "9", "42", "10"],
            ["-124", "43", "100", "1.5", "\"1\"", "-0123"]
        },
        {
            """{"type":"integer","exclusiveMinimum":10,"exclusiveMaximum":1000}""",
            ["11", "99", "999", "500"],
            ["10", "1000", "5", "-11"]
        },
        {
            """{"type":"string","minLength":2,"maxLength":4}""",
            ["\"ab\"", "\"abcd\"", "\"a\\nb\"", "\"éé\""],
            ["\"a\"", "\"abcde\"", "\"\"", "3"]
        },
        {
            """{"type":"string","pattern":"^[a-z]{2,3}-[0-9]+(x|yz)?$"}""",
            ["\"ab-1\"", "\"abc-123yz\"", "\"xy-0x\""],
            ["\"a-1\"", "\"abcd-1\"", "\"ab-\"", "\"ab-1y\"", "\"AB-1\""]
        },
        {
            """{"type":"string","format":"date"}""",
            ["\"2024-02-29\"", "\"1999-12-31\""],
            ["\"2024-13-01\"", "\"24-01-01\"", "\"2024-01-1\""]
        },
        {
            """{"type":"string","format":"uuid"}""",
            ["\"123e4567-e89b-12d3-a456-426614174000\""],
            ["\"123e4567e89b12d3a456426614174000\"", "\"xyz\""]
        },
        {
            """{"enum":["red","amber",null,42,["foo"]]}""",
            ["\"red\"", "null", "42", "[\"foo\"]"],
            ["\"green\"", "43", "[]", "\"Red\""]
        },
        {
            """{"const":{"a":[1,2]}}""",
            ["""{"a":[1,2]}"""],
            ["""{"a":[2,1]}""", """{}"""]
        },
        {
            """{"type":["string","null"],"maxLength":1}""",
            ["null", "\"a\"", "\"\""],
            ["\"ab\"", "1", "false"]
        },
        {
            """{"anyOf":[{"type":"boolean"},{"type":"array","items":{"type":"number"},"minItems":1}]}""",
            ["true", "[1.5e3]", "[-0.25,2]"],
            ["[]", "\"true\"", "[true]"]
        },
        {
            """{"type":"array","prefixItems":[{"type":"string"},{"type":"integer"}]}""",
            ["[\"a\",1]"],
            ["[1,\"a\"]", "[\"a\",\"b\"]"]
        },
        {
            """{"$ref":"#/$defs/node","$defs":{"node":{"type":"object","properties":{"value":{"type":"integer"},"next":{"$ref":"#/$defs/node"}},"required":["value"],"additionalProperties":false}}}""",
            ["""{"value":1}""", """{"value":1,"next":{"value":2,"next":{"value":3}}}"""],
            ["""{"value":1,"next":{}}""", """{"next":{"value":1}}"""]
        },
        {
            """{"type":"object","properties":{"a":{"type":"integer"}},"additionalProperties":{"type":"string"}}""",
            ["""{"a":1}""", """{"a":1,"b":"x","c":"y"}""", """{"b":"x"}""", """{}"""],
            ["""{"b":1}""", """{"a":"x"}"""]
        },
        {
            """{"allOf":[{"$ref":"#/$defs/a"},{"type":"object","properties":{"b":{"type":"boolean"}},"required":["b"]}],"$defs":{"a":{"type":"object","properties":{"a":{"type":"null"}},"required":["a"]}}}""",
            ["""{"a":null,"b":true}"""],
            ["""{"a":null}""", """{"a":1,"b":true}"""]
        },
        {
            """{"type":"object","properties":{"when":{"type":"string","format":"date-time"},"at":{"type":"string","format":"time"}},"additionalProperties":false}""",
            ["""{"when":"2024-01-02T03:04:05Z"}""", """{"when":"2024-01-02T03:04:05.123+01:00","at":"23:59:59Z"}"""],
            ["""{"when":"2024-01-02"}""", """{"at":"24:00:00Z"}"""]
        },
        {
            "{}",
            ["1", "\"x\"", "null", """{"a":[true,{"b":-1.5e-3}]}"""],
            []
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Grammar_ValidAndInvalidInstances_AgreesWithJsonSchemaNet(string schema, string[] valid, string[] invalid)
    {
        using var document = JsonDocument.Parse(schema);
        var grammar = GbnfGrammar.Parse(JsonSchemaGrammar.Convert(document.RootElement));

        foreach (var instance in valid)
        {
            Assert.True(SchemaOracle.IsValid(schema, instance), $"test data: {instance} should be valid");
            Assert.True(grammar.Accepts(instance), $"grammar rejects valid {instance}");
        }

        foreach (var instance in invalid)
        {
            Assert.False(IsValidJson(instance) && SchemaOracle.IsValid(schema, instance), $"test data: {instance} should be invalid");
            Assert.False(grammar.Accepts(instance), $"grammar accepts invalid {instance}");
        }
    }

    private static bool IsValidJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
