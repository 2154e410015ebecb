using System.Text.Json;
using Json.Schema;

namespace Locus.Server.Tests.Tools;

/// <summary>Checks tool-call arguments and structured output against the declared schema with an independent validator (JsonSchema.Net).</summary>
internal static class ToolSchemaAssert
{
    private static readonly EvaluationOptions Options = new() { RequireFormatValidation = true, OutputFormat = OutputFormat.List };

    public static void Valid(string tool, string arguments)
    {
        var schema = tool switch
        {
            "get_weather" => LocalToolCallingTests.WeatherSchema,
            "search" => LocalToolCallingTests.SearchSchema,
            _ => throw new Xunit.Sdk.XunitException($"the model called '{tool}', which no request declared"),
        };
        Matches(schema, arguments);
    }

    public static void Matches(string schemaJson, string instanceJson)
    {
        using var schemaDocument = JsonDocument.Parse(schemaJson);
        using var instance = JsonDocument.Parse(instanceJson);
        // A registry and base URI of its own: every schema is built afresh, none is shared through the global one.
        var schema = JsonSchema.Build(schemaDocument.RootElement, new BuildOptions { SchemaRegistry = new SchemaRegistry() },
            new Uri($"https://locus.test/{Guid.NewGuid():N}"));
        var result = schema.Evaluate(instance.RootElement, Options);
        Assert.True(result.IsValid, $"{instanceJson} does not match {schemaJson}");
    }
}
