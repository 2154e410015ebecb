using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Locus.Wire.Tests;

public sealed class ToolArgumentsTests
{
    private static Dictionary<string, object?> Mixed() => new()
    {
        ["city"] = "Zürich \"q\" <b> 🦙",
        ["n"] = 1.5,
        ["i"] = 3,
        ["l"] = 4L,
        ["f"] = 0.1f,
        ["m"] = 2.5m,
        ["b"] = true,
        ["none"] = null,
        ["e"] = JsonDocument.Parse("""{"x":"é","y":[1,2.50,{"z":null}]}""").RootElement,
        ["node"] = JsonNode.Parse("""{"k":[true]}"""),
        ["arr"] = new[] { 1, 2 },
        ["dict"] = new Dictionary<string, object?> { ["a"] = "b" },
        ["when"] = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
    };

    [Fact]
    public void ToJsonText_SameBytesAsMicrosoftExtensionsAISerializes()
    {
        var arguments = Mixed();

        var expected = JsonSerializer.Serialize<IDictionary<string, object?>>(arguments, AIJsonUtilities.DefaultOptions);

        Assert.Equal(expected, ToolArguments.ToJsonText(arguments));
    }

    [Fact]
    public void ToCompactJsonText_CompactAndUnescaped()
    {
        var text = ToolArguments.ToCompactJsonText(new Dictionary<string, object?>
        {
            ["city"] = "Zürich <EMAIL_1>",
            ["e"] = JsonDocument.Parse("""{"x":[1,2]}""").RootElement,
        });

        // The arguments travel upstream as a string the model reads: a placeholder must read as itself, not \u003C…\u003E.
        Assert.Equal("""{"city":"Zürich <EMAIL_1>","e":{"x":[1,2]}}""", text);
        Assert.Equal("{}", ToolArguments.ToCompactJsonText(null));
    }

    [Fact]
    public void ToElement_AnObjectWithTheSameMembers()
    {
        var element = ToolArguments.ToElement(Mixed());

        Assert.Equal(JsonValueKind.Object, element.ValueKind);
        Assert.Equal("Zürich \"q\" <b> 🦙", element.GetProperty("city").GetString());
        Assert.Equal(2, element.GetProperty("arr").GetArrayLength());
        Assert.Equal("{}", ToolArguments.ToElement(null).GetRawText());
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Parse_EmptyText_NoArguments(string text) => Assert.Empty(ToolArguments.Parse(text));

    [Theory]
    [InlineData("[1]")]
    [InlineData("{city:")]
    [InlineData("\"x\"")]
    public void Parse_NotAnObject_Throws(string text) => Assert.ThrowsAny<JsonException>(() => ToolArguments.Parse(text));

    [Fact]
    public void Parse_ValuesAreJsonElements()
    {
        var arguments = ToolArguments.Parse("""{"city":"Paris","units":{"temp":"C"}}""");

        Assert.Equal("Paris", ((JsonElement)arguments["city"]!).GetString());
        Assert.Equal("C", ((JsonElement)arguments["units"]!).GetProperty("temp").GetString());
    }

    [Fact]
    public void ToCall_FromTextOrInput()
    {
        Assert.Equal(1, ((JsonElement)ToolArguments.ToCall("a", "f", """{"x":1}""").Arguments!["x"]!).GetInt32());
        Assert.NotNull(ToolArguments.ToCall("a", "f", "nope").Exception);
        Assert.Empty(ToolArguments.ToCall("a", "f", (string?)null).Arguments!);
        Assert.Empty(ToolArguments.ToCall("a", "f", JsonDocument.Parse("[1]").RootElement).Arguments!);
        Assert.Single(ToolArguments.ToCall("a", "f", JsonDocument.Parse("""{"y":2}""").RootElement).Arguments!);
    }

    [Fact]
    public void ToolResults_TextForEachKindOfResult()
    {
        Assert.Equal("plain", ToolResults.Text(new FunctionResultContent("c", "plain")));
        Assert.Equal("s", ToolResults.Text(new FunctionResultContent("c", JsonDocument.Parse("\"s\"").RootElement)));
        Assert.Equal("""{"t":1}""", ToolResults.Text(new FunctionResultContent("c", JsonDocument.Parse("""{"t":1}""").RootElement)));
        Assert.Equal("""{"a":1}""", ToolResults.Text(new FunctionResultContent("c", new Dictionary<string, object?> { ["a"] = 1 })));
        Assert.Equal("Error: broke", ToolResults.Text(new FunctionResultContent("c", null) { Exception = new InvalidOperationException("broke") }));
        Assert.Equal("", ToolResults.Text(new FunctionResultContent("c", null)));
    }

    [Fact]
    public void Schemas_NoParametersIsAnEmptyObjectSchema()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ToolSchemas.Write(writer, default);
        }

        Assert.Equal("""{"type":"object","properties":{}}""", System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
