using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Locus.Providers.Wire;

/// <summary>A request body written straight to UTF-8, kept as bytes so every retry sends the same ones.</summary>
internal sealed class JsonBody : IDisposable
{
    // Raw UTF-8 for non-ASCII text: smaller bodies, and what the upstream's own SDKs send.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private readonly ArrayBufferWriter<byte> buffer = new(4096);

    public JsonBody() => Writer = new Utf8JsonWriter(buffer, Options);

    public Utf8JsonWriter Writer { get; }

    public ReadOnlyMemory<byte> Finish()
    {
        Writer.Flush();
        return buffer.WrittenMemory;
    }

    public void Dispose() => Writer.Dispose();
}
