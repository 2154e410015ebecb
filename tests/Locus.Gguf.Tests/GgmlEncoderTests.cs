namespace Locus.Gguf.Tests;

/// <summary>Generated values are encoded as ggml's reference quantizers would, and decode back within each type's error.</summary>
public sealed class GgmlEncoderTests
{
    private static float[] Values(int n, int seed)
    {
        var r = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (float)((r.NextDouble() * 2) - 1) * 0.05f).ToArray();
    }

    [Theory]
    [InlineData(GgmlType.F32, 0.0)]
    [InlineData(GgmlType.F16, 1e-4)]
    public void Encode_FloatTypes_RoundTrip(GgmlType type, double tolerance)
    {
        var x = Values(64, 1);

        var y = RoundTrip(type, x);

        Assert.All(Enumerable.Range(0, x.Length), i => Assert.Equal(x[i], y[i], tolerance));
    }

    [Fact]
    public void Encode_Q8_0_ErrorWithinHalfStep()
    {
        var x = Values(32 * 8, 2);

        var y = RoundTrip(GgmlType.Q8_0, x);

        for (var b = 0; b < 8; b++)
        {
            var step = x.Skip(b * 32).Take(32).Max(MathF.Abs) / 127;
            Assert.All(Enumerable.Range(b * 32, 32), i => Assert.InRange(Math.Abs(x[i] - y[i]), 0, (step * 0.5) + (Math.Abs(x[i]) * 1e-3)));
        }
    }

    [Fact]
    public void Encode_Q4_0_ErrorWithinOneStep()
    {
        var x = Values(32 * 8, 3);

        var y = RoundTrip(GgmlType.Q4_0, x);

        for (var b = 0; b < 8; b++)
        {
            var step = x.Skip(b * 32).Take(32).Max(MathF.Abs) / 8;
            Assert.All(Enumerable.Range(b * 32, 32), i => Assert.InRange(Math.Abs(x[i] - y[i]), 0, step * 1.01));
        }
    }

    [Fact]
    public void Encode_Q8_0_ExactBlockLayout()
    {
        var x = Enumerable.Range(0, 32).Select(i => (i - 16) / 127f).ToArray(); // amax 16/127 -> d = 16/127/127

        var bytes = Encode(GgmlType.Q8_0, x);

        Assert.Equal(34, bytes.Length);
        Assert.Equal((Half)(16f / 127 / 127), BitConverter.ToHalf(bytes, 0));
        Assert.Equal((sbyte)-127, (sbyte)bytes[2]);
        Assert.Equal((sbyte)0, (sbyte)bytes[2 + 16]);
        Assert.Equal((sbyte)119, (sbyte)bytes[2 + 31]); // 15/16 * 127 = 119.06
    }

    [Fact]
    public void Encode_Q4_0_ZerosGiveZeroScaleAndMidNibbles()
    {
        var bytes = Encode(GgmlType.Q4_0, new float[32]);

        Assert.Equal(18, bytes.Length);
        Assert.Equal((Half)0, BitConverter.ToHalf(bytes, 0));
        Assert.All(bytes.Skip(2), b => Assert.Equal(0x88, b));
    }

    [Fact]
    public void Encode_Q4_0_MaxMagnitudeMapsToNibbleZero()
    {
        var x = new float[32];
        x[3] = -0.8f; // the signed extreme gets d = max / -8 = 0.1, so it encodes exactly as nibble 0
        x[20] = 0.4f;

        var bytes = Encode(GgmlType.Q4_0, x);

        Assert.Equal((Half)0.1f, BitConverter.ToHalf(bytes, 0));
        Assert.Equal(0, bytes[2 + 3] & 0x0F);
        Assert.Equal(12, bytes[2 + 4] >> 4); // element 20 is the high nibble of byte 4: 0.4 * 10 + 8.5 truncates to 12
    }

    private static byte[] Encode(GgmlType type, float[] x)
    {
        var bytes = new byte[x.Length * 4];
        var n = GgmlEncoder.Encode(type, x, bytes);
        return bytes[..n];
    }

    private static float[] RoundTrip(GgmlType type, float[] x) => TensorDecoder.Decode(type, Encode(type, x), x.Length);
}
