namespace Locus.Routing.Runtime;

/// <summary>
/// How much several answers to one prompt agree: mean pairwise similarity of their word sets (Jaccard over lower-cased
/// words), with exact match for very short answers (where one differing word is a different answer). The answer most
/// similar to the others (the medoid) is the one returned.
/// </summary>
public static class Agreement
{
    public static (double Mean, int Medoid) Measure(IReadOnlyList<string> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        if (answers.Count < 2)
            return (1, 0);

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
        if (a.Count == 0 && b.Count == 0)
            return 1;
        if (a.Count <= 3 || b.Count <= 3)
            return a.SetEquals(b) ? 1 : 0;
        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }

    public static HashSet<string> Words(string text)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        var span = text.AsSpan();
        var start = -1;
        for (var i = 0; i <= span.Length; i++)
        {
            var inWord = i < span.Length && char.IsLetterOrDigit(span[i]);
            if (inWord && start < 0)
                start = i;
            else if (!inWord && start >= 0)
            {
                set.Add(span[start..i].ToString().ToLowerInvariant());
                start = -1;
            }
        }

        return set;
    }
}
