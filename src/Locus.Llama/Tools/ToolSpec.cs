using System.Text.Json;

namespace Locus.Llama.Tools;

/// <summary>A tool the model may call: its name, what it does, and the JSON Schema of its arguments object.</summary>
internal sealed record ToolSpec(string Name, string? Description, JsonElement ParametersSchema);
