using System.Text.Json.Serialization;

namespace Locus.Wire.OpenAI;

/// <summary>
/// One entry of <c>tool_calls</c>: <c>{"id","type":"function","function":{"name","arguments"}}</c>, in an assistant
/// message (request or response) and, with <see cref="Index"/> first, in a streamed delta.
/// </summary>
public sealed class ToolCall
{
    /// <summary>Streaming only: which call a delta belongs to.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Index { get; init; }

    public string? Id { get; init; }

    public string Type { get; } = "function";

    public FunctionCall? Function { get; init; }
}

/// <summary>The function a <see cref="ToolCall"/> names, with its arguments as JSON text (see <see cref="ToolArguments"/>).</summary>
public sealed class FunctionCall
{
    public string? Name { get; init; }

    public string? Arguments { get; init; }
}
