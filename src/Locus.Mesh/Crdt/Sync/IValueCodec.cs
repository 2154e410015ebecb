using Locus.Mesh.Encoding;

namespace Locus.Mesh.Crdt.Sync;

/// <summary>How a CRDT writes the values it holds (register and map values, set elements).</summary>
public interface IValueCodec<T>
{
    void Write(VarWriter writer, T value);

    T Read(ref VarReader reader);
}

/// <summary>Codecs for the common value types.</summary>
public static class ValueCodecs
{
    public static IValueCodec<string> String { get; } = new StringCodec();

    public static IValueCodec<long> Int64 { get; } = new Int64Codec();

    public static IValueCodec<byte[]> Bytes { get; } = new BytesCodec();

    private sealed class StringCodec : IValueCodec<string>
    {
        public void Write(VarWriter writer, string value) => writer.String(value);

        public string Read(ref VarReader reader) => reader.String();
    }

    private sealed class Int64Codec : IValueCodec<long>
    {
        public void Write(VarWriter writer, long value) => writer.Int(value);

        public long Read(ref VarReader reader) => reader.Int();
    }

    private sealed class BytesCodec : IValueCodec<byte[]>
    {
        public void Write(VarWriter writer, byte[] value) => writer.Bytes(value);

        public byte[] Read(ref VarReader reader) => reader.Bytes().ToArray();
    }
}
