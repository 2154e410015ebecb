namespace Locus.RouterLab.Evaluation;

/// <summary>
/// A random router that is reproducible: the score is a hash of the prompt (FNV-1a), uniform in [0, 1) and unrelated to
/// its difficulty. Its APGR scatters around the exact random baseline of 0.5.
/// </summary>
internal sealed class HashRandomScorer : IPromptScorer
{
    public const string ScorerName = "random";

    public string Name => ScorerName;

    public double Score(string prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var hash = 14695981039346656037UL;
        foreach (var c in prompt)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        // Finalize (splitmix64) so that prompts differing in their last characters still spread over [0, 1).
        hash ^= hash >> 30;
        hash *= 0xbf58476d1ce4e5b9UL;
        hash ^= hash >> 27;
        hash *= 0x94d049bb133111ebUL;
        hash ^= hash >> 31;
        return (hash >> 11) * (1.0 / (1UL << 53));
    }
}
