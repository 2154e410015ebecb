using System.Text.Json.Nodes;
using Json.Schema;

namespace Locus.Server.Tests.Tools;

/// <summary>Checks tool-call arguments against the declared schema with an independent validator (JsonSchema.Net).</summary>
internal static class ToolSchemaAssert
{
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
        var schema = JsonSchema.FromText(schemaJson);
        var result = schema.Evaluate(JsonNode.Parse(instanceJson), new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, $"{instanceJson} does not match {schemaJson}: " +
            string.Join("; ", result.Details.Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }
}
