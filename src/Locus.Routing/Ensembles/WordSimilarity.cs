namespace Locus.Routing.Ensembles;

/// <summary>
/// Similarity of long answers: mean pairwise Jaccard over lower-cased word sets, with exact match for very short
/// answers (where one differing word is a different answer). The medoid — the answer most similar to the others — is
/// the one an ensemble returns.
/// </summary>
public static class WordSimilarity
{
    public static (double Mean, int Medoid) Measure(IReadOnlyList<string> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        if (answers.Count < 2)
        {
            return (1, 0);
        }

        var words = answers.Select(Words).ToArray();
        var totals = new double[answers.Count];
        var sum = 0.0;
        var pairs = 0;
        for (var i = 0; i < words.Length; i++)
        {
            for (var j = i + 1; j < words.Length; j++)
            {
                var s = Similarity(words[i], words[j]);
                totals[i] += s;
                totals[j] += s;
                sum += s;
                pairs++;
            }
        }

        var medoid = Array.IndexOf(totals, totals.Max());
        return (sum / pairs, medoid);
    }

    public static double Similarity(HashSet<string> a, HashSet<string> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count == 0 && b.Count == 0)
        {
            return 1;
        }

        if (a.Count <= 3 || b.Count <= 3)
        {
            return a.SetEquals(b) ? 1 : 0;
        }

        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }

    public static HashSet<string> Words(string text) => [.. WordList(text)];

    /// <summary>Lower-cased runs of letters and digits, in order.</summary>
    public static IEnumerable<string> WordList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                yield return text[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }
}
