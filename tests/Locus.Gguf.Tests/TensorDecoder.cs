using System.Buffers.Binary;

namespace Locus.Gguf.Tests;

/// <summary>Test-side reference decoders (ggml's dequantize_row_*), an oracle independent of the encoder.</summary>
internal static class TensorDecoder
{
    public static float[] Decode(GgmlType type, ReadOnlySpan<byte> data, int count)
    {
        var result = new float[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = type switch
            {
                GgmlType.F32 => BinaryPrimitives.ReadSingleLittleEndian(data[(i * 4)..]),
                GgmlType.F16 => (float)BinaryPrimitives.ReadHalfLittleEndian(data[(i * 2)..]),
                GgmlType.Q8_0 => Q8_0(data, i),
                GgmlType.Q4_0 => Q4_0(data, i),
                _ => throw new NotSupportedException(type.ToString()),
            };
        }

        return result;
    }

    /// <summary>Reads a tensor's bytes straight from a file, at DataOffset + Offset.</summary>
    public static byte[] ReadTensorBytes(string path, GgufFile file, string name)
    {
        var t = file.Tensors.Single(x => x.Name == name);
        using var s = File.OpenRead(path);
        s.Position = file.DataOffset + t.Offset;
        var bytes = new byte[t.ByteSize];
        s.ReadExactly(bytes);
        return bytes;
    }

    private static float Q8_0(ReadOnlySpan<byte> data, int i)
    {
        var block = data.Slice(i / 32 * 34, 34);
        var d = (float)BinaryPrimitives.ReadHalfLittleEndian(block);
        return d * (sbyte)block[2 + (i % 32)];
    }

    private static float Q4_0(ReadOnlySpan<byte> data, int i)
    {
        var block = data.Slice(i / 32 * 18, 18);
        var d = (float)BinaryPrimitives.ReadHalfLittleEndian(block);
        var j = i % 32;
        var nibble = j < 16 ? block[2 + j] & 0x0F : block[2 + j - 16] >> 4;
        return d * (nibble - 8);
    }
}
