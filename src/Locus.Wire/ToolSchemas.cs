using System.Text.Json;

namespace Locus.Wire;

/// <summary>A tool's parameter schema in both APIs (OpenAI's <c>parameters</c>, Anthropic's <c>input_schema</c>).</summary>
public static class ToolSchemas
{
    /// <summary>What OpenAI assumes when a function has no <c>parameters</c>: an object schema without arguments.</summary>
    public static JsonElement NoParameters { get; } = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement.Clone();

    /// <summary>Writes <paramref name="schema"/>; a declaration without one (not an object) still needs an object schema.</summary>
    public static void Write(Utf8JsonWriter writer, JsonElement schema) =>
        (schema.ValueKind == JsonValueKind.Object ? schema : NoParameters).WriteTo(writer);
}
