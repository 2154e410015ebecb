using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Locus.Llama.Engine;

/// <summary>
/// What the model believed at one step: the chosen token's log probability under softmax(logits) at temperature 1, and
/// the entropy of that distribution, in nats.
/// </summary>
internal readonly record struct TokenBelief(double LogProb, double Entropy)
{
    // Partial sums stay in float lanes for this many elements, then move to double: float alone drifts over a 150k vocab.
    private const int BlockLength = 2048;

    // exp(−80) ≈ 2e−35 adds nothing to the sum; clamping keeps −∞ logits (masked tokens) from turning 0 × −∞ into NaN.
    private const float Floor = -80f;

    /// <summary>
    /// Two vectorized passes: the maximum m, then S = Σ e^(x−m) and T = Σ e^(x−m)(x−m). Then
    /// log p(chosen) = (x_c − m) − ln S and H = −Σ p ln p = ln S − T / S.
    /// </summary>
    public static TokenBelief Measure(ReadOnlySpan<float> logits, int chosen)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(chosen);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(chosen, logits.Length);
        var max = Max(logits);
        var (sum, weighted) = SumExp(logits, max);
        var logSum = Math.Log(sum);
        var chosenLogit = Math.Max(logits[chosen] - max, Floor);
        return new TokenBelief(chosenLogit - logSum, Math.Max(0, logSum - (weighted / sum)));
    }

    private static float Max(ReadOnlySpan<float> values)
    {
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
        var max = new Vector<float>(float.NegativeInfinity);
        foreach (var v in vectors)
            max = Vector.Max(max, v);
        var result = float.NegativeInfinity;
        for (var lane = 0; lane < Vector<float>.Count; lane++)
            result = Math.Max(result, max[lane]);
        for (var i = vectors.Length * Vector<float>.Count; i < values.Length; i++)
            result = Math.Max(result, values[i]);
        return result;
    }

    private static (double Sum, double Weighted) SumExp(ReadOnlySpan<float> values, float max)
    {
        // The widest vectors the CPU has: exp dominates, and Vector<T> stays 256 bits wide on AVX-512 machines.
        var (sum, weighted, done) = Vector512.IsHardwareAccelerated ? SumExp512(values, max) : SumExpPortable(values, max);
        for (var i = done; i < values.Length; i++)
        {
            var z = Math.Max(values[i] - max, Floor);
            var e = Math.Exp(z);
            sum += e;
            weighted += e * z;
        }

        return (sum, weighted);
    }

    private static (double Sum, double Weighted, int Done) SumExp512(ReadOnlySpan<float> values, float max)
    {
        var vectors = MemoryMarshal.Cast<float, Vector512<float>>(values);
        var shift = Vector512.Create(max);
        var floor = Vector512.Create(Floor);
        var perBlock = BlockLength / Vector512<float>.Count;
        double sum = 0, weighted = 0;
        for (var start = 0; start < vectors.Length; start += perBlock)
        {
            var s = Vector512<float>.Zero;
            var w = Vector512<float>.Zero;
            foreach (var v in vectors.Slice(start, Math.Min(perBlock, vectors.Length - start)))
            {
                var z = Vector512.Max(v - shift, floor);
                var e = FastExp.Exp(z);
                s += e;
                w += e * z;
            }

            sum += Vector512.Sum(s);
            weighted += Vector512.Sum(w);
        }

        return (sum, weighted, vectors.Length * Vector512<float>.Count);
    }

    private static (double Sum, double Weighted, int Done) SumExpPortable(ReadOnlySpan<float> values, float max)
    {
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
        var shift = new Vector<float>(max);
        var floor = new Vector<float>(Floor);
        var perBlock = BlockLength / Vector<float>.Count;
        double sum = 0, weighted = 0;
        for (var start = 0; start < vectors.Length; start += perBlock)
        {
            var s = Vector<float>.Zero;
            var w = Vector<float>.Zero;
            foreach (var v in vectors.Slice(start, Math.Min(perBlock, vectors.Length - start)))
            {
                var z = Vector.Max(v - shift, floor);
                var e = FastExp.Exp(z);
                s += e;
                w += e * z;
            }

            sum += Vector.Sum(s);
            weighted += Vector.Sum(w);
        }

        return (sum, weighted, vectors.Length * Vector<float>.Count);
    }
}
