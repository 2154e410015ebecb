using Locus.Routing.Learning;

namespace Locus.RouterLab.Evaluation;

/// <summary>
/// What a calibrated threshold does on data it was not calibrated on: the cloud-call share asked for, the share
/// realised, and the quality and PGR there — the honest test of the cost–quality knob.
/// </summary>
/// <param name="TargetShare">The share asked for (the config's cloud_share).</param>
/// <param name="Threshold">The score threshold calibration gave for it.</param>
/// <param name="RealizedShare">The share of these items at or above the threshold.</param>
/// <param name="Quality">Mean quality routing at that threshold.</param>
/// <param name="Pgr">Performance gap recovered at that threshold.</param>
public sealed record ShareCheck(double TargetShare, double Threshold, double RealizedShare, double Quality, double Pgr)
{
    public static ShareCheck Measure(ScoreCalibration calibration, double share, IReadOnlyList<OutcomeItem> items, IReadOnlyList<double> scores)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(scores);
        var threshold = calibration.ThresholdForShare(share);
        var strong = Enumerable.Range(0, items.Count).Select(i => scores[i] >= threshold).ToArray();
        var quality = Enumerable.Range(0, items.Count).Average(i => strong[i] ? items[i].StrongQuality : items[i].WeakQuality);
        double weak = items.Average(i => i.WeakQuality), best = items.Average(i => i.StrongQuality);
        return new ShareCheck(share, threshold, strong.Count(s => s) / (double)items.Count, quality, (quality - weak) / (best - weak));
    }
}
