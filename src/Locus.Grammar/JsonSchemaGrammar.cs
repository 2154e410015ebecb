using System.Text.Json;

namespace Locus.Grammar;

/// <summary>JSON Schema to GBNF for llama.cpp's grammar sampler.</summary>
public static class JsonSchemaGrammar
{
    /// <summary>The whole grammar for one schema, root rule <c>root</c>.</summary>
    /// <exception cref="SchemaGrammarException">The schema is invalid or uses something the converter does not support.</exception>
    public static string Convert(JsonElement schema, JsonGrammarStyle style = JsonGrammarStyle.LlamaCpp)
    {
        var builder = new GbnfBuilder(style);
        builder.AddSchema(schema, "root");
        return builder.Build();
    }
}
