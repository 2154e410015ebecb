using System.Numerics;
using System.Runtime.Intrinsics;

namespace Locus.Llama.Engine;

/// <summary>
/// e^x for float lanes with x in [−87, 0] (Cephes' expf: x = n·ln2 + r, a degree-6 polynomial for e^r, 2^n from the
/// exponent bits), relative error about 2e−7. The runtime's Vector.Exp computes float lanes through double, which
/// made it the whole cost of a 150k-vocabulary pass; this is about twice as fast (85 µs instead of 180 µs for 151,936 logits).
/// </summary>
internal static class FastExp
{
    private const float Log2E = 1.44269504088896341f;
    private const float Ln2Hi = 0.693359375f;
    private const float Ln2Lo = -2.12194440e-4f;
    private const float P0 = 1.9875691500e-4f;
    private const float P1 = 1.3981999507e-3f;
    private const float P2 = 8.3334519073e-3f;
    private const float P3 = 4.1665795894e-2f;
    private const float P4 = 1.6666665459e-1f;
    private const float P5 = 5.0000001201e-1f;

    public static Vector512<float> Exp(Vector512<float> x)
    {
        var n = Vector512.Round(x * Log2E);
        var r = x - (n * Ln2Hi) - (n * Ln2Lo);
        var p = (((((((((P0 * r) + Vector512.Create(P1)) * r) + Vector512.Create(P2)) * r) + Vector512.Create(P3)) * r)
            + Vector512.Create(P4)) * r) + Vector512.Create(P5);
        p = (p * r * r) + r + Vector512<float>.One;
        var scale = Vector512.ShiftLeft(Vector512.ConvertToInt32(n) + Vector512.Create(127), 23).AsSingle();
        return p * scale;
    }

    public static Vector<float> Exp(Vector<float> x)
    {
        var n = Vector.Round(x * Log2E);
        var r = x - (n * Ln2Hi) - (n * Ln2Lo);
        var p = (((((((((P0 * r) + new Vector<float>(P1)) * r) + new Vector<float>(P2)) * r) + new Vector<float>(P3)) * r)
            + new Vector<float>(P4)) * r) + new Vector<float>(P5);
        p = (p * r * r) + r + Vector<float>.One;
        var scale = Vector.AsVectorSingle(Vector.ShiftLeft(Vector.ConvertToInt32(n) + new Vector<int>(127), 23));
        return p * scale;
    }
}
