using Locus.Hardware.Devices;
using Locus.Hardware.Performance;

namespace Locus.Hardware.Tests;

/// <summary>The performance model against every measured row of ../shared/data/hardware/llama-bench-apple.csv.</summary>
public sealed class ValidationTests
{
    private static ValidationReport Report() => ValidationReport.Run(BenchCsv.Read(HardwareData.AppleCsv!), DeviceCatalog.BuiltIn);

    [HardwareDataFact]
    public void Run_AppleCsv_MedianErrorUnder15PercentInSampleAndHeldOut()
    {
        var report = Report();
        Assert.Equal(File.ReadAllLines(HardwareData.AppleCsv!).Count(l => l.Length > 0) - 1, report.Rows.Count);
        Assert.True(report.MedianAbsErrorPercent < 15, $"in-sample median {report.MedianAbsErrorPercent:0.0}%");
        Assert.True(report.MedianAbsHeldOutErrorPercent < 15, $"leave-one-out median {report.MedianAbsHeldOutErrorPercent:0.0}%");
        Assert.True(report.MaxAbsHeldOutErrorPercent >= report.MedianAbsHeldOutErrorPercent);
    }

    [HardwareDataFact]
    public void Fitted_ShippedConstants_AgreeWithARefitOnTheCsv()
    {
        // The planner ships the fit as constants; if the data, the model or the catalog change, this says refit.
        var refit = Report().Fitted;
        Assert.Equal(refit.DecodeBandwidth, Efficiency.Fitted.DecodeBandwidth, 0.005);
        Assert.Equal(refit.DecodeLayerOverheadSeconds, Efficiency.Fitted.DecodeLayerOverheadSeconds, 2e-6);
        Assert.Equal(refit.PrefillCompute, Efficiency.Fitted.PrefillCompute, 0.005);
    }

    [HardwareDataFact]
    public void Run_HeldOutPredictions_DifferFromInSampleOnlyByRefitting()
    {
        var report = Report();
        Assert.Contains(report.Rows, r => Math.Abs(r.PredictedHeldOut - r.Predicted) > 1e-6);
        Assert.All(report.Rows, r => Assert.InRange(r.PredictedHeldOut / r.Predicted, 0.8, 1.25));
    }

    [Fact]
    public void FitDecode_RowsGeneratedByKnownParameters_RecoversThem()
    {
        // Synthetic rows made with e = 0.7 and 100 µs per layer must give those numbers back.
        var truth = new Efficiency(0.7, 100e-6, 0.5);
        var rows = new[] { (68.0, 3.56), (200, 3.56), (400, 6.67), (800, 12.55), (546, 3.56) }
            .Select(r => new BenchRow("Apple M2", 10, r.Item1, "Llama-2 7B", 6.74, "Q4_0", r.Item2, "tg128", 1, "synthetic"))
            .Select(r => BenchCase.From(r, DeviceCatalog.BuiltIn))
            .Select(c => c with { Row = c.Row with { TokensPerSecond = c.Predict(truth) } })
            .ToList();
        var (e, t) = EfficiencyFit.FitDecode(rows);
        Assert.Equal(0.7, e, 0.002);
        Assert.Equal(100e-6, t, 1e-6);
    }
}
