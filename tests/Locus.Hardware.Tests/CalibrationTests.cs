using Locus.Hardware.Synthetic;

namespace Locus.Hardware.Tests;

public sealed class CalibrationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("locus-calibration-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static CalibrationPoint Point(string spec, double decodeRatio, double prefillRatio) =>
        new(spec, MeasuredDecode: 10 * decodeRatio, MeasuredPrefill: 100 * prefillRatio, IdealDecode: 10, IdealPrefill: 100, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Efficiency_TwoPoints_IsTheGeometricMeanOfMeasuredOverIdeal()
    {
        var calibration = new Calibration("this", [Point("a", 0.5, 2.0), Point("b", 0.8, 0.5)]);

        var e = calibration.Efficiency;

        Assert.Equal(Math.Sqrt(0.5 * 0.8), e.DecodeBandwidth, 12);
        Assert.Equal(1.0, e.PrefillCompute, 12);
        Assert.Equal(0, e.DecodeLayerOverheadSeconds);
    }

    [Fact]
    public void With_SameSpec_ReplacesTheEarlierPoint()
    {
        var calibration = new Calibration("this", [Point("a", 0.5, 1)]).With(Point("b", 0.9, 1)).With(Point("a", 0.7, 1));

        Assert.Equal(["b", "a"], calibration.Points.Select(p => p.Spec));
        Assert.Equal(Math.Sqrt(0.7 * 0.9), calibration.Efficiency.DecodeBandwidth, 12);
    }

    [Fact]
    public void Append_ThenRead_RoundTripsThePointsAndFit()
    {
        var path = Path.Combine(_dir, "calibration.json");
        CalibrationFile.Append(path, Point("llama:1b:q4_0", 0.6, 1.5));
        var saved = CalibrationFile.Append(path, Point("llama:1b:q8_0", 0.9, 1.2));

        var read = CalibrationFile.Read(path);

        Assert.Equal(2, read.Points.Count);
        Assert.Equal(saved.Efficiency, read.Efficiency);
        Assert.Contains("\"decode_bandwidth\"", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NotACalibration_ThrowsFormatExceptionNamingTheFile()
    {
        var path = Path.Combine(_dir, "bad.json");
        File.WriteAllText(path, "{\"points\": []}");

        var ex = Assert.Throws<FormatException>(() => CalibrationFile.Read(path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }
}
