using System.Text.Json.Serialization;

namespace Locus.Wire.OpenAI;

/// <summary>
/// One entry of <c>tool_calls</c>: <c>{"id","type":"function","function":{"name","arguments"}}</c>, in an assistant
/// message (request or response) and, with <see cref="Index"/> first, in a streamed delta. A streamed call's later
/// pieces carry only the index and <c>function.arguments</c>, so unset members are left out.
/// </summary>
public sealed class ToolCall
{
    /// <summary>Streaming only: which call a delta belongs to.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Index { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; init; }

    /// <summary>"function"; null on a streamed call's later pieces.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Type { get; init; } = "function";

    public FunctionCall? Function { get; init; }
}

/// <summary>The function a <see cref="ToolCall"/> names, with its arguments as JSON text (see <see cref="ToolArguments"/>).</summary>
public sealed class FunctionCall
{
    /// <summary>Null on a streamed call's later pieces, which carry arguments only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    public string? Arguments { get; init; }
}
