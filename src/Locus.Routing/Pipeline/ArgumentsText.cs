using Locus.Core.Abstractions;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Pipeline;

/// <summary>
/// A tool call's arguments text as produced (<see cref="ToolCallJson"/>) rides in its additional properties, and the
/// wire writers send it in preference to the parsed arguments. A call whose arguments are rewritten (redacted or
/// restored) must rewrite that text too, or the original would travel instead of the rewrite.
/// </summary>
internal static class ArgumentsText
{
    /// <summary>
    /// The call's additional properties with its arguments text mapped by <paramref name="mapJson"/>; with no map the
    /// text is dropped, and the writer serializes the rewritten arguments instead.
    /// </summary>
    public static AdditionalPropertiesDictionary? Rewrite(FunctionCallContent call, Func<string, string>? mapJson)
    {
        if (call.ArgumentsJson() is not { } text)
        {
            return call.AdditionalProperties;
        }

        var properties = new AdditionalPropertiesDictionary(call.AdditionalProperties!);
        if (mapJson is null)
        {
            properties.Remove(ToolCallJson.ArgumentsKey);
        }
        else
        {
            properties[ToolCallJson.ArgumentsKey] = mapJson(text);
        }

        return properties.Count == 0 ? null : properties;
    }
}
