namespace Locus.Routing.Ensembles;

/// <summary>
/// Agreement of several answers to one prompt, by the measure that fits them: a vote over normalised short answers
/// (a letter, a number, yes/no: "B" and "(B)" agree, a word-overlap score would not say so), or word-set similarity
/// for long answers (where exact equality almost never happens).
/// </summary>
public static class Agreement
{
    public static AgreementResult Measure(IReadOnlyList<string> answers, AgreementMeasure measure = AgreementMeasure.Auto)
    {
        ArgumentNullException.ThrowIfNull(answers);
        if (answers.Count == 0)
        {
            throw new ArgumentException("agreement needs at least one answer", nameof(answers));
        }

        var shorts = measure == AgreementMeasure.Similarity ? null : answers.Select(ShortAnswer.Extract).ToArray();
        var vote = measure == AgreementMeasure.Vote || (measure == AgreementMeasure.Auto && shorts!.All(s => s is not null));
        return vote ? Vote(answers, shorts!) : Similarity(answers);
    }

    private static AgreementResult Similarity(IReadOnlyList<string> answers)
    {
        var (mean, medoid) = WordSimilarity.Measure(answers);
        return new AgreementResult(AgreementMeasure.Similarity, mean, medoid, answers.Count, answers.Count, null);
    }

    // A long answer (forced vote) votes as its folded word sequence; ties go to the answer given first.
    private static AgreementResult Vote(IReadOnlyList<string> answers, ShortAnswer?[] shorts)
    {
        var keys = answers.Select((a, i) => shorts[i]?.ToString() ?? "text " + string.Join(' ', WordSimilarity.WordList(a))).ToArray();
        var counts = keys.GroupBy(k => k, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var best = counts.Values.Max();
        var chosen = Array.FindIndex(keys, k => counts[k] == best);
        return new AgreementResult(AgreementMeasure.Vote, (double)best / answers.Count, chosen, best, answers.Count, shorts[chosen]);
    }
}
