using System.Text.Json;
using Json.Schema;

namespace Locus.Grammar.Tests.Recognition;

/// <summary>JsonSchema.Net's verdict on an instance: the reference the grammars are checked against.</summary>
internal static class SchemaOracle
{
    private static readonly EvaluationOptions Options = new() { RequireFormatValidation = true };

    public static bool IsValid(string schema, string instance)
    {
        using var schemaDocument = JsonDocument.Parse(schema);
        using var instanceDocument = JsonDocument.Parse(instance);

        // A registry and base URI of its own: every schema here is built afresh, none is shared through the global one.
        var built = JsonSchema.Build(schemaDocument.RootElement, new BuildOptions { SchemaRegistry = new SchemaRegistry() },
            new Uri($"https://locus.test/{Guid.NewGuid():N}"));
        return built.Evaluate(instanceDocument.RootElement, Options).IsValid;
    }
}
