using Locus.Hardware.Devices;

namespace Locus.Hardware.Performance;

/// <summary>One measured row next to the planner's prediction, fitted with all rows and with the row held out.</summary>
public sealed record ValidationRow(BenchCase Case, double Predicted, double PredictedHeldOut)
{
    public double Measured => Case.Row.TokensPerSecond;

    /// <summary>Signed error of the in-sample prediction, percent of the measured value.</summary>
    public double ErrorPercent => 100 * (Predicted - Measured) / Measured;

    public double HeldOutErrorPercent => 100 * (PredictedHeldOut - Measured) / Measured;
}

/// <summary>
/// Predicted vs measured for every row: the efficiency fitted on all rows (in-sample) and, for each row, refitted on
/// the others only (leave-one-out), so the held-out error says how the model does on a device it has not seen.
/// </summary>
public sealed record ValidationReport(Efficiency Fitted, IReadOnlyList<ValidationRow> Rows)
{
    public static ValidationReport Run(IReadOnlyList<BenchRow> rows, DeviceCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var cases = rows.Select(r => BenchCase.From(r, catalog)).ToList();
        var fitted = EfficiencyFit.Fit(cases);
        var results = cases.Select((c, i) =>
        {
            var others = cases.Where((_, j) => j != i).ToList();
            var heldOut = c.Row.IsDecode ? WithDecode(fitted, EfficiencyFit.FitDecode([.. others.Where(o => o.Row.IsDecode)]))
                : fitted with { PrefillCompute = EfficiencyFit.FitPrefill([.. others.Where(o => !o.Row.IsDecode)]) };
            return new ValidationRow(c, c.Predict(fitted), c.Predict(heldOut));
        }).ToList();
        return new ValidationReport(fitted, results);
    }

    private static Efficiency WithDecode(Efficiency e, (double Efficiency, double LayerOverheadSeconds) decode) =>
        e with { DecodeBandwidth = decode.Efficiency, DecodeLayerOverheadSeconds = decode.LayerOverheadSeconds };

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN
            : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    public double MedianAbsErrorPercent => Median(Rows.Select(r => Math.Abs(r.ErrorPercent)));

    public double MaxAbsErrorPercent => Rows.Max(r => Math.Abs(r.ErrorPercent));

    public double MedianAbsHeldOutErrorPercent => Median(Rows.Select(r => Math.Abs(r.HeldOutErrorPercent)));

    public double MaxAbsHeldOutErrorPercent => Rows.Max(r => Math.Abs(r.HeldOutErrorPercent));
}
