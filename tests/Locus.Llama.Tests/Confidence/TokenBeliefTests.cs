using Locus.Llama.Engine;

namespace Locus.Llama.Tests.Confidence;

/// <summary>The vectorized log-softmax and entropy against a plain double-precision computation.</summary>
public sealed class TokenBeliefTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(7, 3)]
    [InlineData(512, 100)]
    [InlineData(4099, 4098)]
    [InlineData(151_936, 77_777)]
    public void Measure_RandomLogits_MatchesScalarLogSoftmax(int vocab, int chosen)
    {
        var random = new Random(vocab);
        var logits = new float[vocab];
        for (var i = 0; i < vocab; i++)
        {
            logits[i] = (float)(random.NextDouble() * 30 - 10);
        }

        var belief = TokenBelief.Measure(logits, chosen);
        var (logProb, entropy) = ScalarReference.Measure(logits, chosen);

        Assert.Equal(logProb, belief.LogProb, 4);
        Assert.Equal(entropy, belief.Entropy, 4);
    }

    [Fact]
    public void Measure_UniformLogits_EntropyIsLnVocabAndLogProbIsMinusLnVocab()
    {
        var logits = Enumerable.Repeat(3.5f, 1000).ToArray();

        var belief = TokenBelief.Measure(logits, 10);

        Assert.Equal(Math.Log(1000), belief.Entropy, 5);
        Assert.Equal(-Math.Log(1000), belief.LogProb, 5);
    }

    [Fact]
    public void Measure_OneDominantLogit_NearCertain()
    {
        var logits = new float[300];
        logits[42] = 60;

        var chosen = TokenBelief.Measure(logits, 42);
        var other = TokenBelief.Measure(logits, 41);

        Assert.True(chosen.LogProb is > -1e-6 and <= 0, $"{chosen.LogProb}");
        Assert.True(chosen.Entropy < 1e-6, $"{chosen.Entropy}");
        Assert.True(other.LogProb < -59, $"{other.LogProb}");
    }

    [Fact]
    public void Measure_MaskedTokensAtNegativeInfinity_StayFiniteAndIgnored()
    {
        var logits = new float[64];
        Array.Fill(logits, float.NegativeInfinity);
        logits[5] = 1;
        logits[9] = 1;

        var belief = TokenBelief.Measure(logits, 5);

        Assert.Equal(Math.Log(0.5), belief.LogProb, 5);
        Assert.Equal(Math.Log(2), belief.Entropy, 5);
    }

    [Fact]
    public void Measure_ChosenOutsideVocabulary_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TokenBelief.Measure(new float[10], 10));
    }
}

/// <summary>log-softmax and entropy the slow, obvious way, in double precision.</summary>
internal static class ScalarReference
{
    public static (double LogProb, double Entropy) Measure(ReadOnlySpan<float> logits, int chosen)
    {
        double max = double.NegativeInfinity;
        foreach (var x in logits)
        {
            max = Math.Max(max, x);
        }

        double sum = 0;
        foreach (var x in logits)
        {
            sum += Math.Exp(x - max);
        }

        var logSum = Math.Log(sum) + max;
        double entropy = 0;
        foreach (var x in logits)
        {
            var logP = x - logSum;
            var p = Math.Exp(logP);
            if (p > 0)
            {
                entropy -= p * logP;
            }
        }

        return (logits[chosen] - logSum, entropy);
    }
}
