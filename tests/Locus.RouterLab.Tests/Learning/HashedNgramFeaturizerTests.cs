using Locus.Routing.Learning;

namespace Locus.RouterLab.Tests.Learning;

public sealed class HashedNgramFeaturizerTests
{
    private const string Prompt = "Prove that the square root of 2 is irrational.\nShow every step.";

    [Fact]
    public void Featurize_SameTextTwice_IdenticalVectors()
    {
        var first = new HashedNgramFeaturizer(FeaturizerConfig.Default).Featurize(Prompt);
        var second = new HashedNgramFeaturizer(FeaturizerConfig.Default).Featurize(Prompt);

        Assert.True(first.Count > 50);
        Assert.Equal(first.Indices.ToArray(), second.Indices.ToArray());
        Assert.Equal(first.Values.ToArray(), second.Values.ToArray());
    }

    [Fact]
    public void Featurize_AnyText_UnitLengthWithinDimension()
    {
        var featurizer = new HashedNgramFeaturizer(FeaturizerConfig.Default);
        var vector = featurizer.Featurize(Prompt + " " + Prompt + " aaaa aaaa aaaa");

        var norm = Math.Sqrt(vector.Values.ToArray().Sum(v => (double)v * v));
        Assert.Equal(1.0, norm, 5);
        Assert.All(vector.Indices.ToArray(), i => Assert.InRange(i, 0, featurizer.Dimension - 1));
        Assert.Equal(vector.Count, vector.Indices.ToArray().Distinct().Count());
    }

    [Fact]
    public void Featurize_CaseAndWhitespaceDiffer_SameVector()
    {
        var featurizer = new HashedNgramFeaturizer(FeaturizerConfig.Default);
        var a = featurizer.Featurize("What is   the Capital of FRANCE?");
        var b = featurizer.Featurize("what is the capital of france?");

        Assert.Equal(a.Indices.ToArray().Order(), b.Indices.ToArray().Order());
    }

    [Fact]
    public void Featurize_SpaceBeforeNewline_SameAsNewline()
    {
        var featurizer = new HashedNgramFeaturizer(FeaturizerConfig.Default);
        var a = featurizer.Featurize("first line \n second line");
        var b = featurizer.Featurize("first line\nsecond line");
        var c = featurizer.Featurize("first line second line");

        Assert.Equal(a.Indices.ToArray().Order(), b.Indices.ToArray().Order());
        Assert.NotEqual(a.Indices.ToArray().Order(), c.Indices.ToArray().Order());
    }

    [Fact]
    public void Featurize_DifferentWords_DifferentVectors()
    {
        var featurizer = new HashedNgramFeaturizer(FeaturizerConfig.Default);
        var a = featurizer.Featurize("integrate the differential equation");
        var b = featurizer.Featurize("translate this sentence to french");

        Assert.NotEqual(a.Indices.ToArray().Order(), b.Indices.ToArray().Order());
    }

    [Fact]
    public void Featurize_RepeatedWord_SublinearWeight()
    {
        var featurizer = new HashedNgramFeaturizer(new FeaturizerConfig(HashBits: 20, MaxWordNgram: 1, MinCharNgram: 8, MaxCharNgram: 8));
        // The most frequent feature is the word "cat" (4 times; no 8-char n-gram repeats more), the rarest occur once:
        // sublinear tf makes their ratio 1 + ln 4, where raw counts would make it 4.
        var vector = featurizer.Featurize("cat cat cat cat dog");
        var values = vector.Values.ToArray().OrderDescending().ToArray();

        Assert.Equal(1 + Math.Log(4), values[0] / values[^1], 3);
    }

    [Fact]
    public void Dot_MatchesFeaturizeThenDot()
    {
        var featurizer = new HashedNgramFeaturizer(FeaturizerConfig.Default);
        var random = new Random(7);
        var weights = new float[featurizer.Dimension];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)(random.NextDouble() - 0.5);
        }

        var expected = featurizer.Featurize(Prompt).Dot(weights);
        Assert.Equal(expected, featurizer.Dot(Prompt, weights), 4);
        // The scratch buffer is reset between calls: a second call gives the same answer.
        Assert.Equal(expected, featurizer.Dot(Prompt, weights), 4);
    }

    [Fact]
    public void Featurize_EmptyText_EmptyVectorAndZeroDot()
    {
        var featurizer = new HashedNgramFeaturizer(new FeaturizerConfig(HashBits: 10));

        Assert.Equal(0, featurizer.Dot("", new float[1024]));
        Assert.True(featurizer.Featurize("   ").Count <= 3); // shape buckets only
    }
}
