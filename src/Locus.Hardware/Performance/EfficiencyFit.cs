namespace Locus.Hardware.Performance;

/// <summary>
/// Fits <see cref="Efficiency"/> to measured rows by least squares on log ratios (so a 10% miss on a slow chip counts
/// as much as on a fast one). Decode: two parameters — bandwidth efficiency e and per-layer overhead t — in
/// tokens/s = 1 ÷ (bytes ÷ (e × bandwidth) + layers × t), by a coarse-then-fine grid over e ∈ [0.3, 1], t ∈ [0, 0.5 ms].
/// Prefill: one factor, the geometric mean of measured ÷ roofline (the closed-form least-squares answer).
/// </summary>
public static class EfficiencyFit
{
    private static readonly Efficiency Ideal = new(1, 0, 1);

    public static Efficiency Fit(IReadOnlyList<BenchCase> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var decode = cases.Where(c => c.Row.IsDecode).ToList();
        var prefill = cases.Where(c => !c.Row.IsDecode).ToList();
        if (decode.Count < 2 || prefill.Count < 1)
        {
            throw new ArgumentException("fitting needs at least two decode rows and one prefill row", nameof(cases));
        }

        var (e, t) = FitDecode(decode);
        return new Efficiency(e, t, FitPrefill(prefill));
    }

    /// <summary>Geometric mean of measured ÷ ideal-roofline prompt speed.</summary>
    public static double FitPrefill(IReadOnlyList<BenchCase> prefill) =>
        Math.Exp(prefill.Average(c => Math.Log(c.Row.TokensPerSecond / c.Predict(Ideal))));

    public static (double Efficiency, double LayerOverheadSeconds) FitDecode(IReadOnlyList<BenchCase> decode)
    {
        // Seconds per token at full bandwidth and no overhead, and the layer count each row's overhead multiplies.
        var ideal = decode.Select(c => (Seconds: 1 / c.Predict(Ideal), c.Model.Layers, Measured: c.Row.TokensPerSecond)).ToList();
        double Loss(double e, double t) => ideal.Sum(r => Math.Pow(Math.Log(1 / ((r.Seconds / e) + (r.Layers * t))) - Math.Log(r.Measured), 2));

        var best = (E: 0.0, T: 0.0, Loss: double.MaxValue);
        void Search(double e0, double e1, double eStep, double t0, double t1, double tStep)
        {
            for (var e = Math.Max(e0, 0.3); e <= Math.Min(e1, 1.0) + 1e-12; e += eStep)
            {
                for (var t = Math.Max(t0, 0); t <= Math.Min(t1, 5e-4) + 1e-15; t += tStep)
                {
                    var loss = Loss(e, t);
                    if (loss < best.Loss)
                    {
                        best = (e, t, loss);
                    }
                }
            }
        }

        Search(0.3, 1.0, 0.005, 0, 5e-4, 5e-6);
        Search(best.E - 0.005, best.E + 0.005, 0.0001, best.T - 5e-6, best.T + 5e-6, 1e-7);
        return (best.E, best.T);
    }
}
