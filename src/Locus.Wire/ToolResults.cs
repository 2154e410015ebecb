using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Locus.Wire;

/// <summary>A tool's result as the text a model reads, in both APIs' tool messages and blocks.</summary>
public static class ToolResults
{
    /// <summary>Strings as they are, anything else as compact JSON; a failed call as its error.</summary>
    public static string Text(FunctionResultContent result) => result.Result switch
    {
        null when result.Exception is { } e => "Error: " + e.Message,
        null => "",
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString()!,
        JsonElement e => e.GetRawText(),
        var other => Serialize(other),
    };

    private static string Serialize(object value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ToolArguments.WriteValue(writer, value);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
