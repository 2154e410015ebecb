using Microsoft.Extensions.AI;

namespace Locus.Wire;

/// <summary>
/// Facts a backend may report in <c>AdditionalProperties</c> of a response or update, which Microsoft.Extensions.AI
/// has no member for.
/// </summary>
public static class ResponseProperties
{
    /// <summary>The stop sequence that ended generation (a string); Anthropic's <c>stop_sequence</c> reports it.</summary>
    public const string StopSequenceKey = "stop_sequence";

    public static string? StopSequence(AdditionalPropertiesDictionary? properties) =>
        properties is not null && properties.TryGetValue(StopSequenceKey, out var value) && value is string { Length: > 0 } s ? s : null;
}
