using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Locus.Llama.Engine;

/// <summary>S = Σ e^z and T = Σ e^z·z over z = max(x − max, floor): the sums a log-softmax and its entropy need.</summary>
internal static class ShiftedExpSums
{
    // Partial sums stay in float lanes for this many elements, then move to double: float alone drifts over a 150k vocab.
    private const int BlockLength = 2048;

    public static (double Sum, double Weighted) Compute(ReadOnlySpan<float> values, float max, float floor)
    {
        // The widest vectors the CPU has: exp dominates, and Vector<T> stays 256 bits wide on AVX-512 machines.
        var (sum, weighted, done) = Vector512.IsHardwareAccelerated ? Wide(values, max, floor) : Portable(values, max, floor);
        for (var i = done; i < values.Length; i++)
        {
            var z = Math.Max(values[i] - max, floor);
            var e = Math.Exp(z);
            sum += e;
            weighted += e * z;
        }

        return (sum, weighted);
    }

    private static (double Sum, double Weighted, int Done) Wide(ReadOnlySpan<float> values, float max, float floorValue)
    {
        var vectors = MemoryMarshal.Cast<float, Vector512<float>>(values);
        var shift = Vector512.Create(max);
        var floor = Vector512.Create(floorValue);
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

    private static (double Sum, double Weighted, int Done) Portable(ReadOnlySpan<float> values, float max, float floorValue)
    {
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
        var shift = new Vector<float>(max);
        var floor = new Vector<float>(floorValue);
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
