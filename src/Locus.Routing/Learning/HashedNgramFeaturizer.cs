namespace Locus.Routing.Learning;

/// <summary>
/// Turns a prompt into a sparse, l2-normalized vector of hashed features: lower-cased word unigrams and bigrams,
/// character n-grams over the whitespace-collapsed text, and a few shape buckets (length, digits, lines). Counts are
/// sublinear (1 + ln tf) so that a repeated word does not dominate. Scoring needs no allocation: counts go into a
/// small per-thread table whose touched slots are emptied afterwards.
/// </summary>
public sealed class HashedNgramFeaturizer
{
    /// <summary>Longer prompts are cut here: the head carries the task, and this bounds the decision time.</summary>
    public const int MaxChars = 16 * 1024;

    private const uint WordSeed = 0x5bd1e995;
    private const uint BigramSeed = 0x68e31da4;
    private const uint CharSeed = 0xb5297a4d;
    private const uint ShapeSeed = 0x1b56c4e9;

    [ThreadStatic]
    private static FeatureScratch? scratch;

    private readonly int shift;

    public HashedNgramFeaturizer(FeaturizerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        shift = 32 - config.HashBits;
    }

    public FeaturizerConfig Config { get; }

    public int Dimension => Config.Dimension;

    /// <summary>The normalized feature vector (allocates its result; for training).</summary>
    public SparseVector Featurize(ReadOnlySpan<char> text)
    {
        var s = Scratch();
        var touched = Accumulate(text, s);
        var indices = new int[touched];
        var values = new float[touched];
        var sumSquares = 0.0;
        for (var i = 0; i < touched; i++)
        {
            var (bucket, count) = s.Take(i);
            var value = Sublinear(count);
            indices[i] = bucket;
            values[i] = value;
            sumSquares += value * value;
        }

        var scale = sumSquares > 0 ? (float)(1 / Math.Sqrt(sumSquares)) : 0f;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] *= scale;
        }

        return new SparseVector(indices, values);
    }

    /// <summary>The dot product of the normalized features with <paramref name="weights"/>, without allocating.</summary>
    public double Dot(ReadOnlySpan<char> text, ReadOnlySpan<float> weights)
    {
        if (weights.Length != Dimension)
        {
            throw new ArgumentException($"Expected {Dimension} weights, got {weights.Length}.", nameof(weights));
        }

        var s = Scratch();
        var touched = Accumulate(text, s);
        double dot = 0, sumSquares = 0;
        for (var i = 0; i < touched; i++)
        {
            var (bucket, count) = s.Take(i);
            double value = Sublinear(count);
            dot += weights[bucket] * value;
            sumSquares += value * value;
        }

        return sumSquares > 0 ? dot / Math.Sqrt(sumSquares) : 0;
    }

    private static float Sublinear(ushort count) => count == 1 ? 1f : 1f + MathF.Log(count);

    private static FeatureScratch Scratch() => scratch ??= new FeatureScratch();

    /// <summary>Counts every feature into the scratch buffer; returns how many distinct buckets were touched.</summary>
    private int Accumulate(ReadOnlySpan<char> text, FeatureScratch s)
    {
        if (text.Length > MaxChars)
        {
            text = text[..MaxChars];
        }

        var length = Normalize(text, s.Text);
        var normalized = s.Text.AsSpan(0, length);
        // Worst case: every char starts every char n-gram, every char is a word and a bigram, plus shape buckets.
        s.Prepare(length * (Config.MaxCharNgram - Config.MinCharNgram + 3) + 8);
        var touched = 0;

        uint previousWord = 0;
        var hasPrevious = false;
        var digits = 0;
        var lines = 0;
        for (var i = 0; i < length;)
        {
            if (!char.IsLetterOrDigit(normalized[i]))
            {
                if (normalized[i] == '\n')
                {
                    lines++;
                }

                i++;
                continue;
            }

            var start = i;
            while (i < length && char.IsLetterOrDigit(normalized[i]))
            {
                if (char.IsAsciiDigit(normalized[i]))
                {
                    digits++;
                }

                i++;
            }

            var word = FeatureHash.Of(normalized[start..i], WordSeed);
            Add(s, word, ref touched);
            if (Config.MaxWordNgram >= 2 && hasPrevious)
            {
                Add(s, FeatureHash.Combine(previousWord ^ BigramSeed, word), ref touched);
            }

            previousWord = word;
            hasPrevious = true;
        }

        for (var i = 0; i + Config.MinCharNgram <= length; i++)
        {
            var hash = FeatureHash.Offset ^ CharSeed;
            var end = Math.Min(length, i + Config.MaxCharNgram);
            for (var j = i; j < end; j++)
            {
                hash = FeatureHash.Step(hash, normalized[j]);
                if (j - i + 1 >= Config.MinCharNgram)
                {
                    Add(s, hash, ref touched);
                }
            }
        }

        // Shape: how long, how numeric, how many lines (log buckets), so the model can learn from size as well.
        AddShape(s, 1, Bucket(length), ref touched);
        AddShape(s, 2, length == 0 ? 0 : digits * 10 / length, ref touched);
        AddShape(s, 3, Bucket(lines), ref touched);
        return touched;
    }

    private static int Bucket(int value) => 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)value);

    private void AddShape(FeatureScratch s, uint kind, int bucket, ref int touched) =>
        Add(s, FeatureHash.Finalize(FeatureHash.Combine(ShapeSeed ^ kind, (uint)bucket)), ref touched);

    private void Add(FeatureScratch s, uint hash, ref int touched)
    {
        // Fibonacci hashing: the multiply mixes every bit of the FNV state into the top bits, which pick the bucket.
        var bucket = (int)((hash * 0x9E3779B1u) >> shift);
        s.Count(bucket, ref touched);
    }

    /// <summary>Lower-cases and collapses whitespace runs to one space (newlines kept, as they carry structure).</summary>
    private static int Normalize(ReadOnlySpan<char> text, char[] into)
    {
        var length = 0;
        var lastWasSpace = true;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (lastWasSpace)
                {
                    // "a \nb" keeps its line break: a newline wins over the space just written.
                    if (c == '\n' && length > 0 && into[length - 1] == ' ')
                    {
                        into[length - 1] = '\n';
                    }

                    continue;
                }

                into[length++] = c == '\n' ? '\n' : ' ';
                lastWasSpace = true;
                continue;
            }

            into[length++] = char.ToLowerInvariant(c);
            lastWasSpace = false;
        }

        if (length > 0 && into[length - 1] is ' ' or '\n')
        {
            length--;
        }

        return length;
    }

    /// <summary>
    /// Per-thread counts keyed by bucket in a small open-addressing table sized to the prompt (twice its most possible
    /// features), not a dense array over all 2^18 buckets: a 2 KB prompt's ~7,000 features then live in ~100 KB that
    /// stays in cache, which is what keeps the decision's tail latency down. Slots are listed in first-seen order, so
    /// sums run in the same order as over a dense array and scores are bit-identical.
    /// </summary>
    private sealed class FeatureScratch
    {
        private int[] keys = new int[1024]; // bucket + 1; 0 = empty
        private ushort[] counts = new ushort[1024];
        private int[] slots = new int[1024];
        private int mask;

        public char[] Text { get; } = new char[MaxChars];

        public void Prepare(int maxFeatures)
        {
            var capacity = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1024, maxFeatures * 2));
            if (keys.Length < capacity)
            {
                keys = new int[capacity];
                counts = new ushort[capacity];
                slots = new int[capacity];
            }

            // Only the first `capacity` slots are used; every call leaves the ones it touched empty again.
            mask = capacity - 1;
        }

        public void Count(int bucket, ref int touched)
        {
            var key = bucket + 1;
            var slot = bucket & mask;
            while (true)
            {
                var existing = keys[slot];
                if (existing == key)
                {
                    if (counts[slot] < ushort.MaxValue)
                    {
                        counts[slot]++;
                    }

                    return;
                }

                if (existing == 0)
                {
                    keys[slot] = key;
                    counts[slot] = 1;
                    slots[touched++] = slot;
                    return;
                }

                slot = (slot + 1) & mask;
            }
        }

        /// <summary>The i-th distinct feature (bucket and count), emptying its slot.</summary>
        public (int Bucket, ushort Count) Take(int i)
        {
            var slot = slots[i];
            var result = (keys[slot] - 1, counts[slot]);
            keys[slot] = 0;
            counts[slot] = 0;
            return result;
        }
    }
}
