using Locus.Hardware.Performance;

namespace Locus.Hardware.Synthetic;

/// <summary>One synthetic benchmark kept for calibration: measured speeds and the ideal roofline speeds of that run.</summary>
public sealed record CalibrationPoint(string Spec, double MeasuredDecode, double MeasuredPrefill, double IdealDecode, double IdealPrefill, DateTimeOffset MeasuredAt);

/// <summary>
/// Efficiency factors for the user's own machine, fitted to their synthetic benchmarks (`locus bench --synthetic ...
/// --save-calibration FILE`; `locus plan --device this --calibration FILE` uses them). Decode: the share of the
/// measured bandwidth achieved, the geometric mean of measured ÷ memory roof over the points; the per-layer overhead is
/// taken as 0 — the Apple fit's 152 µs is Metal's kernel-launch cost, and on a CPU one share of bandwidth explained
/// the sizes measured here better (docs/planner.md). Prefill: geometric mean of measured ÷ compute roof, which may
/// exceed 1 on CPUs whose int8 kernels outrun the FP32 peak we assume.
/// </summary>
public sealed record Calibration(string Device, IReadOnlyList<CalibrationPoint> Points)
{
    public Efficiency Efficiency
    {
        get
        {
            if (Points.Count == 0)
            {
                throw new InvalidOperationException("a calibration needs at least one measured point");
            }

            return new Efficiency(GeometricMean(Points.Select(p => p.MeasuredDecode / p.IdealDecode)), 0,
                GeometricMean(Points.Select(p => p.MeasuredPrefill / p.IdealPrefill)));
        }
    }

    /// <summary>This calibration with <paramref name="point"/> added, replacing an earlier point of the same spec.</summary>
    public Calibration With(CalibrationPoint point) => this with { Points = [.. Points.Where(p => p.Spec != point.Spec), point] };

    private static double GeometricMean(IEnumerable<double> ratios) => Math.Exp(ratios.Average(Math.Log));
}
