using Microsoft.Extensions.AI;

namespace Locus.Core.Abstractions;

/// <summary>
/// The JSON text of a tool call's arguments exactly as the model (or an upstream) wrote it, kept beside the parsed
/// <see cref="FunctionCallContent.Arguments"/>. Clients get the arguments as produced (key order, number spelling,
/// compact or not) instead of a re-serialization of the parsed dictionary. It travels in the call's
/// <see cref="AIContent.AdditionalProperties"/> under <see cref="ArgumentsKey"/>: code that builds a new call (a
/// redaction, say) drops it, and the answer falls back to serializing <see cref="FunctionCallContent.Arguments"/>.
/// </summary>
public static class ToolCallJson
{
    /// <summary>The key of the arguments' JSON text (a <see cref="string"/>) in the call's additional properties.</summary>
    public const string ArgumentsKey = "locus.arguments_json";

    /// <summary>
    /// Records <paramref name="json"/> as the text <paramref name="call"/>'s arguments were parsed from; set it only
    /// together with arguments parsed from that very text. Returns the call.
    /// </summary>
    public static FunctionCallContent WithArgumentsJson(this FunctionCallContent call, string json)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(json);
        (call.AdditionalProperties ??= [])[ArgumentsKey] = json;
        return call;
    }

    /// <summary>The arguments' JSON text as produced, or null when the call carries none.</summary>
    public static string? ArgumentsJson(this FunctionCallContent call) =>
        call?.AdditionalProperties?.TryGetValue(ArgumentsKey, out var value) == true && value is string text ? text : null;
}
