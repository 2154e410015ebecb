using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Locus.Wire.Sse;

/// <summary>
/// Server-sent event framing as both APIs use it: OpenAI's unnamed <c>data: &lt;json&gt;\n\n</c> events ending with
/// <c>data: [DONE]</c>, and Anthropic's named <c>event: &lt;type&gt;\ndata: &lt;json&gt;\n\n</c> events. Reading is
/// <see cref="System.Net.ServerSentEvents.SseParser"/>'s; this writes frames and names the end marker.
/// </summary>
public static class SseFrames
{
    /// <summary>The <c>data</c> of OpenAI's last event: the stream is complete.</summary>
    public static ReadOnlySpan<byte> Done => "[DONE]"u8;

    public static bool IsDone(ReadOnlySpan<byte> data) => data.SequenceEqual(Done);

    /// <summary>Appends <c>data: &lt;json&gt;\n\n</c>.</summary>
    public static void WriteData<T>(IBufferWriter<byte> output, T value, JsonTypeInfo<T> type)
    {
        output.Write("data: "u8);
        using (var json = new Utf8JsonWriter(output, WireJson.WriterOptions))
        {
            JsonSerializer.Serialize(json, value, type);
        }

        output.Write("\n\n"u8);
    }

    /// <summary>Appends a named event, <c>event: &lt;name&gt;\ndata: &lt;json&gt;\n\n</c>.</summary>
    public static void WriteEvent<T>(IBufferWriter<byte> output, string name, T value, JsonTypeInfo<T> type)
    {
        output.Write("event: "u8);
        Encoding.UTF8.GetBytes(name, output);
        output.Write("\n"u8);
        WriteData(output, value, type);
    }

    /// <summary>Appends <c>data: [DONE]\n\n</c>.</summary>
    public static void WriteDone(IBufferWriter<byte> output) => output.Write("data: [DONE]\n\n"u8);
}
