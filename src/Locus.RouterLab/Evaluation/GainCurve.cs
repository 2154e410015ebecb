namespace Locus.RouterLab.Evaluation;

/// <summary>
/// The quality gained over the weak model as a function of how many calls go to the strong model, when the items with
/// the highest router scores go first (score &gt;= threshold). Items with equal scores cross the threshold together, so
/// inside a tie group each item counts as the group's mean gain: the exact expectation of breaking ties at random.
/// That makes the curve piecewise linear in the number of strong calls, and a constant router exactly the random one.
/// </summary>
internal sealed class GainCurve
{
    // prefix[k] = summed gain (strong - weak quality) of the k highest-scored items.
    private readonly double[] prefix;

    public GainCurve(IReadOnlyList<double> gains, IReadOnlyList<double> scores)
    {
        if (gains.Count != scores.Count)
        {
            throw new ArgumentException($"{scores.Count} scores for {gains.Count} items", nameof(scores));
        }

        var order = Enumerable.Range(0, gains.Count).OrderByDescending(i => scores[i]).ToArray();
        prefix = new double[order.Length + 1];
        var k = 0;
        while (k < order.Length)
        {
            var end = k;
            var sum = 0.0;
            while (end < order.Length && scores[order[end]].Equals(scores[order[k]]))
            {
                sum += gains[order[end++]];
            }

            var mean = sum / (end - k);
            for (; k < end; k++)
            {
                prefix[k + 1] = prefix[k] + mean;
            }
        }
    }

    public int Count => prefix.Length - 1;

    /// <summary>Gain of sending everything to the strong model: N × (q(strong) − q(weak)).</summary>
    public double Total => prefix[^1];

    /// <summary>Summed gain with <paramref name="strongCalls"/> (0..N, fractional between items) sent to the strong model.</summary>
    public double GainAt(double strongCalls)
    {
        var x = Math.Clamp(strongCalls, 0, Count);
        var k = (int)Math.Floor(x);
        return k >= Count ? Total : prefix[k] + ((x - k) * (prefix[k + 1] - prefix[k]));
    }

    public double PgrAtShare(double share) => GainAt(share * Count) / Total;

    /// <summary>The smallest strong-call share (0..1) whose PGR reaches <paramref name="target"/>, exact on the piecewise-linear curve.</summary>
    public double? MinShareReaching(double target)
    {
        for (var k = 0; k < Count; k++)
        {
            double here = prefix[k] / Total, next = prefix[k + 1] / Total;
            if (here >= target)
            {
                return (double)k / Count;
            }

            if (next >= target)
            {
                return (k + ((target - here) / (next - here))) / Count;
            }
        }

        return prefix[Count] / Total >= target ? 1.0 : null;
    }
}
