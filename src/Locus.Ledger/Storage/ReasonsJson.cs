using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Locus.Ledger.Storage;

/// <summary>The reasons column: a JSON array of strings, written and read without reflection.</summary>
internal static class ReasonsJson
{
    public static string Write(IReadOnlyList<string> reasons)
    {
        if (reasons.Count == 0)
        {
            return "[]";
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var reason in reasons)
            {
                writer.WriteStringValue(reason);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static IReadOnlyList<string> Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var reasons = new List<string>(document.RootElement.GetArrayLength());
        foreach (var element in document.RootElement.EnumerateArray())
        {
            reasons.Add(element.GetString() ?? "");
        }

        return reasons;
    }
}
