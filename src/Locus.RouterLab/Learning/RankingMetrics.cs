namespace Locus.RouterLab.Learning;

/// <summary>Area under the ROC curve: the chance a random positive is scored above a random negative (ties half).</summary>
public static class RankingMetrics
{
    public static double Auc(IReadOnlyList<double> scores, IReadOnlyList<double> labels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        if (scores.Count != labels.Count)
        {
            throw new ArgumentException("Scores and labels must have the same length.", nameof(labels));
        }

        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double positives = 0, negatives = 0, rankSum = 0;
        for (var start = 0; start < order.Length;)
        {
            // Tied scores share the average rank.
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]])
            {
                end++;
            }

            var rank = (start + end) / 2.0 + 1;
            for (var j = start; j <= end; j++)
            {
                if (labels[order[j]] > 0.5)
                {
                    positives++;
                    rankSum += rank;
                }
                else
                {
                    negatives++;
                }
            }

            start = end + 1;
        }

        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
    }
}
