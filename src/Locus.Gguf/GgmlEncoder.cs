using System.Buffers;
using System.Buffers.Binary;

namespace Locus.Gguf;

/// <summary>
/// Encodes float values as F32, F16, Q8_0 or Q4_0, bit for bit as ggml's reference quantizers
/// (ggml-quants.c <c>quantize_row_q8_0_ref</c>, <c>quantize_row_q4_0_ref</c>) do.
/// </summary>
internal static class GgmlEncoder
{
    private const int Qk = 32; // QK8_0 == QK4_0

    /// <summary>Elements per generator call: a multiple of every block size here, and small enough to stay in cache.</summary>
    private const int ChunkElements = 64 * 1024;

    public static bool CanEncode(GgmlType type) => type is GgmlType.F32 or GgmlType.F16 or GgmlType.Q8_0 or GgmlType.Q4_0;

    /// <summary>Streams <paramref name="elementCount"/> generated values to <paramref name="destination"/> a chunk at a time.</summary>
    public static void Write(GgmlType type, long elementCount, GgufValueGenerator generate, Stream destination)
    {
        var values = ArrayPool<float>.Shared.Rent(ChunkElements);
        var bytes = ArrayPool<byte>.Shared.Rent(ChunkElements * sizeof(float));
        try
        {
            for (long first = 0; first < elementCount; first += ChunkElements)
            {
                var n = (int)Math.Min(ChunkElements, elementCount - first);
                generate(first, values.AsSpan(0, n));
                var written = Encode(type, values.AsSpan(0, n), bytes);
                destination.Write(bytes, 0, written);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(values);
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>Encodes whole blocks of <paramref name="values"/>; returns the bytes written.</summary>
    public static int Encode(GgmlType type, ReadOnlySpan<float> values, Span<byte> destination)
    {
        switch (type)
        {
            case GgmlType.F32:
                for (var i = 0; i < values.Length; i++)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(destination[(i * 4)..], values[i]);
                }

                return values.Length * 4;
            case GgmlType.F16:
                for (var i = 0; i < values.Length; i++)
                {
                    BinaryPrimitives.WriteHalfLittleEndian(destination[(i * 2)..], (Half)values[i]);
                }

                return values.Length * 2;
            case GgmlType.Q8_0:
                return EncodeBlocks(values, destination, 2 + Qk, EncodeQ8_0);
            case GgmlType.Q4_0:
                return EncodeBlocks(values, destination, 2 + (Qk / 2), EncodeQ4_0);
            default:
                throw new NotSupportedException($"encoding values as {type} is not supported (only F32, F16, Q8_0, Q4_0)");
        }
    }

    private delegate void BlockEncoder(ReadOnlySpan<float> block, Span<byte> destination);

    private static int EncodeBlocks(ReadOnlySpan<float> values, Span<byte> destination, int blockBytes, BlockEncoder encode)
    {
        var blocks = values.Length / Qk;
        for (var b = 0; b < blocks; b++)
        {
            encode(values.Slice(b * Qk, Qk), destination.Slice(b * blockBytes, blockBytes));
        }

        return blocks * blockBytes;
    }

    private static void EncodeQ8_0(ReadOnlySpan<float> x, Span<byte> y)
    {
        var amax = 0f;
        foreach (var v in x)
        {
            amax = MathF.Max(amax, MathF.Abs(v));
        }

        var d = amax / 127;
        var id = d != 0 ? 1f / d : 0f;
        BinaryPrimitives.WriteHalfLittleEndian(y, (Half)d);
        for (var j = 0; j < Qk; j++)
        {
            y[2 + j] = (byte)(sbyte)MathF.Round(x[j] * id, MidpointRounding.AwayFromZero); // C roundf
        }
    }

    private static void EncodeQ4_0(ReadOnlySpan<float> x, Span<byte> y)
    {
        float amax = 0, max = 0;
        foreach (var v in x)
        {
            if (amax < MathF.Abs(v))
            {
                amax = MathF.Abs(v);
                max = v;
            }
        }

        var d = max / -8;
        var id = d != 0 ? 1f / d : 0f;
        BinaryPrimitives.WriteHalfLittleEndian(y, (Half)d);
        for (var j = 0; j < Qk / 2; j++)
        {
            // (int8_t) in C truncates toward zero, as the C# cast does; values lie in [0.5, 16.5].
            var lo = Math.Min(15, (int)(sbyte)((x[j] * id) + 8.5f));
            var hi = Math.Min(15, (int)(sbyte)((x[j + (Qk / 2)] * id) + 8.5f));
            y[2 + j] = (byte)(lo | (hi << 4));
        }
    }
}
