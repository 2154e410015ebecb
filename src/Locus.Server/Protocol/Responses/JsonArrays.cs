using System.Buffers;
using System.Text;
using System.Text.Json;
using Locus.Wire;

namespace Locus.Server.Protocol.Responses;

/// <summary>Joins JSON arrays (as text) into one, elements in order.</summary>
internal static class JsonArrays
{
    public static string Concat(params string[] arrays)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WireJson.WriterOptions))
        {
            writer.WriteStartArray();
            foreach (var array in arrays)
            {
                using var document = JsonDocument.Parse(array);
                foreach (var element in document.RootElement.EnumerateArray())
                {
                    element.WriteTo(writer);
                }
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
