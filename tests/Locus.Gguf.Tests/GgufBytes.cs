using System.Buffers.Binary;
using System.Text;

namespace Locus.Gguf.Tests;

/// <summary>
/// Hand-assembles GGUF bytes, independently of <see cref="GgufWriter"/>, so tests can build both
/// valid files and precisely broken ones.
/// </summary>
internal sealed class GgufBytes
{
    private readonly List<byte> _bytes = [];

    public int Length => _bytes.Count;

    public static GgufBytes Header(uint version, ulong tensors, ulong kvs) =>
        new GgufBytes().Raw("GGUF"u8).U32(version).U64(tensors).U64(kvs);

    public GgufBytes Raw(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            _bytes.Add(b);
        }

        return this;
    }

    public GgufBytes U32(uint v) => Put(4, s => BinaryPrimitives.WriteUInt32LittleEndian(s, v));

    public GgufBytes I32(int v) => Put(4, s => BinaryPrimitives.WriteInt32LittleEndian(s, v));

    public GgufBytes U64(ulong v) => Put(8, s => BinaryPrimitives.WriteUInt64LittleEndian(s, v));

    public GgufBytes I64(long v) => Put(8, s => BinaryPrimitives.WriteInt64LittleEndian(s, v));

    public GgufBytes F32(float v) => Put(4, s => BinaryPrimitives.WriteSingleLittleEndian(s, v));

    public GgufBytes Str(string s)
    {
        var b = Encoding.UTF8.GetBytes(s);
        return U64((ulong)b.Length).Raw(b);
    }

    public GgufBytes KvString(string key, string value) => Str(key).U32((uint)GgufValueType.String).Str(value);

    public GgufBytes KvU32(string key, uint value) => Str(key).U32((uint)GgufValueType.UInt32).U32(value);

    public GgufBytes KvStrings(string key, params string[] values)
    {
        Str(key).U32((uint)GgufValueType.Array).U32((uint)GgufValueType.String).U64((ulong)values.Length);
        foreach (var v in values)
        {
            Str(v);
        }

        return this;
    }

    /// <summary>A tensor info record: name, n_dims, dims, type, offset.</summary>
    public GgufBytes Tensor(string name, GgmlType type, ulong offset, params long[] dims)
    {
        Str(name).U32((uint)dims.Length);
        foreach (var d in dims)
        {
            I64(d);
        }

        return U32((uint)type).U64(offset);
    }

    public GgufBytes PadTo(int alignment)
    {
        while (_bytes.Count % alignment != 0)
        {
            _bytes.Add(0);
        }

        return this;
    }

    public GgufBytes Zeros(int count)
    {
        _bytes.AddRange(new byte[count]);
        return this;
    }

    public byte[] ToArray() => [.. _bytes];

    public GgufFile Read() => GgufReader.Read(new MemoryStream(ToArray()));

    public GgufFormatException ReadFails() => Assert.Throws<GgufFormatException>(Read);

    private GgufBytes Put(int size, SpanWriter write)
    {
        Span<byte> s = stackalloc byte[size];
        write(s);
        return Raw(s);
    }

    private delegate void SpanWriter(Span<byte> destination);
}
