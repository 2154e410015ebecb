using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Locus.Wire;

/// <summary>A tool's parameter schema in both APIs (OpenAI's <c>parameters</c>, Anthropic's <c>input_schema</c>).</summary>
public static class ToolSchemas
{
    /// <summary>The key of a tool's <c>strict</c> (a <see cref="bool"/>) in <see cref="AITool.AdditionalProperties"/>.</summary>
    public const string StrictKey = "strict";

    /// <summary>What OpenAI assumes when a function has no <c>parameters</c>: an object schema without arguments.</summary>
    public static JsonElement NoParameters { get; } = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement.Clone();

    /// <summary>
    /// Writes <paramref name="schema"/> byte for byte as it was received (an upstream gets the client's schema, escapes
    /// and key order included); a declaration without one (not an object) still needs an object schema.
    /// </summary>
    public static void Write(Utf8JsonWriter writer, JsonElement schema) => WriteExact(writer, schema.ValueKind == JsonValueKind.Object ? schema : NoParameters);

    /// <summary>Writes <paramref name="element"/> as its own raw text, not re-encoded.</summary>
    public static void WriteExact(Utf8JsonWriter writer, JsonElement element) => writer.WriteRawValue(element.GetRawText());

    /// <summary>The tool's <c>strict</c> as the client sent it; null when it sent none.</summary>
    public static bool? Strict(AITool tool) =>
        tool.AdditionalProperties.TryGetValue(StrictKey, out var value) && value is bool strict ? strict : null;
}
