using System.Globalization;

namespace Locus.Routing.Learning;

/// <summary>
/// The distribution of a router's scores over a calibration set of prompts, as 101 quantiles (0%, 1%, …, 100%). It turns
/// "send about 30% of calls to the cloud" into a score threshold, as RouteLLM calibrates its routers on a prompt set
/// (there Chatbot Arena; here the training prompts, each data set weighted equally). The share holds for traffic that
/// looks like the calibration prompts; other traffic shifts it, which `locus router eval --cloud-share` measures.
/// </summary>
public sealed class ScoreCalibration
{
    /// <summary>Quantile points stored: every percent from 0 to 100.</summary>
    public const int Points = 101;

    private readonly float[] quantiles;

    public ScoreCalibration(IReadOnlyList<float> quantiles)
    {
        ArgumentNullException.ThrowIfNull(quantiles);
        if (quantiles.Count != Points)
        {
            throw new ArgumentException($"A calibration has {Points} quantiles, got {quantiles.Count}.", nameof(quantiles));
        }

        for (var i = 0; i < Points; i++)
        {
            if (!float.IsFinite(quantiles[i]) || (i > 0 && quantiles[i] < quantiles[i - 1]))
            {
                throw new ArgumentException("Calibration quantiles must be finite and non-decreasing.", nameof(quantiles));
            }
        }

        this.quantiles = [.. quantiles];
    }

    public IReadOnlyList<float> Quantiles => quantiles;

    /// <summary>The quantiles of <paramref name="scores"/>, each score counted with its weight.</summary>
    public static ScoreCalibration FromScores(IReadOnlyList<double> scores, IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(weights);
        if (scores.Count == 0 || scores.Count != weights.Count)
        {
            throw new ArgumentException("Calibration needs at least one score and one weight per score.", nameof(scores));
        }

        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        var total = weights.Sum();
        var result = new float[Points];
        var cumulative = 0.0;
        var next = 0;
        foreach (var i in order)
        {
            cumulative += weights[i] / total;
            while (next < Points && next / 100.0 <= cumulative + 1e-12)
            {
                result[next++] = (float)scores[i];
            }
        }

        for (; next < Points; next++)
        {
            result[next] = (float)scores[order[^1]];
        }

        result[0] = (float)scores[order[0]];
        return new ScoreCalibration(result);
    }

    /// <summary>The score at or above which about <paramref name="share"/> (0..1) of calibration prompts fall.</summary>
    public double ThresholdForShare(double share)
    {
        if (share is < 0 or > 1 || double.IsNaN(share))
        {
            throw new ArgumentOutOfRangeException(nameof(share), share, "A share is between 0 and 1.");
        }

        if (share <= 0)
        {
            return double.PositiveInfinity;
        }

        if (share >= 1)
        {
            return 0;
        }

        var position = (1 - share) * (Points - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, Points - 1);
        return quantiles[low] + ((position - low) * (quantiles[high] - quantiles[low]));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"ScoreCalibration(p10 {quantiles[10]:0.000}, p50 {quantiles[50]:0.000}, p90 {quantiles[90]:0.000})");
}
