using System.Buffers;
using System.Text.Json;
using Locus.Wire;

namespace Locus.Providers.Protocols;

/// <summary>A request body written straight to UTF-8, kept as bytes so every retry sends the same ones.</summary>
internal sealed class JsonBody : IDisposable
{
    private readonly ArrayBufferWriter<byte> buffer = new(4096);

    // Raw UTF-8 for non-ASCII text: smaller bodies, and what the upstream's own SDKs send.
    public JsonBody() => Writer = new Utf8JsonWriter(buffer, WireJson.WriterOptions);

    public Utf8JsonWriter Writer { get; }

    public ReadOnlyMemory<byte> Finish()
    {
        Writer.Flush();
        return buffer.WrittenMemory;
    }

    public void Dispose() => Writer.Dispose();
}
