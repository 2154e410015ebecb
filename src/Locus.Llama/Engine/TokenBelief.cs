using System.Numerics;
using System.Runtime.InteropServices;

namespace Locus.Llama.Engine;

/// <summary>
/// What the model believed at one step: the chosen token's log probability under softmax(logits) at temperature 1, and
/// the entropy of that distribution, in nats.
/// </summary>
internal readonly record struct TokenBelief(double LogProb, double Entropy)
{
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
        var (sum, weighted) = ShiftedExpSums.Compute(logits, max, Floor);
        var logSum = Math.Log(sum);
        var chosenLogit = Math.Max(logits[chosen] - max, Floor);
        return new TokenBelief(chosenLogit - logSum, Math.Max(0, logSum - (weighted / sum)));
    }

    private static float Max(ReadOnlySpan<float> values)
    {
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
        var max = new Vector<float>(float.NegativeInfinity);
        foreach (var v in vectors)
        {
            max = Vector.Max(max, v);
        }

        var result = float.NegativeInfinity;
        for (var lane = 0; lane < Vector<float>.Count; lane++)
        {
            result = Math.Max(result, max[lane]);
        }

        for (var i = vectors.Length * Vector<float>.Count; i < values.Length; i++)
        {
            result = Math.Max(result, values[i]);
        }

        return result;
    }
}
