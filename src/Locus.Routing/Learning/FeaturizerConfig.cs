namespace Locus.Routing.Learning;

/// <summary>
/// How prompts become hashed features. Stored in every model file so that a model is always scored with the featurizer
/// it was trained with.
/// </summary>
/// <param name="HashBits">Feature space size is 2^HashBits buckets.</param>
/// <param name="MaxWordNgram">1 = word unigrams, 2 = unigrams and bigrams.</param>
/// <param name="MinCharNgram">Shortest character n-gram.</param>
/// <param name="MaxCharNgram">Longest character n-gram.</param>
public sealed record FeaturizerConfig(int HashBits = 18, int MaxWordNgram = 2, int MinCharNgram = 3, int MaxCharNgram = 5)
{
    public static FeaturizerConfig Default { get; } = new();

    public int Dimension => 1 << HashBits;

    public void Validate()
    {
        if (HashBits is < 8 or > 24)
        {
            throw new ArgumentOutOfRangeException(nameof(HashBits), HashBits, "Hash bits must be between 8 and 24.");
        }

        if (MaxWordNgram is < 1 or > 2)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxWordNgram), MaxWordNgram, "Word n-grams must be 1 or 2.");
        }

        if (MinCharNgram < 1 || MaxCharNgram < MinCharNgram || MaxCharNgram > 8)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxCharNgram), MaxCharNgram, "Character n-grams must satisfy 1 <= min <= max <= 8.");
        }
    }
}
