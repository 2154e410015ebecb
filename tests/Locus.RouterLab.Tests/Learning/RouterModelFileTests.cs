using System.Buffers.Binary;
using Locus.Routing.Learning;

namespace Locus.RouterLab.Tests.Learning;

/// <summary>The model file's calibration section (version 2) and reading version-1 files.</summary>
public sealed class RouterModelFileTests
{
    private static LinearRouterModel Model(ScoreCalibration? calibration = null)
    {
        var config = new FeaturizerConfig(HashBits: 10, MaxWordNgram: 1, MinCharNgram: 3, MaxCharNgram: 3);
        var weights = Enumerable.Range(0, config.Dimension).Select(i => (float)Math.Sin(i)).ToArray();
        return new LinearRouterModel(config, weights, 0.25f, calibration);
    }

    private static ScoreCalibration Calibration() =>
        new(Enumerable.Range(0, ScoreCalibration.Points).Select(i => i / 100f * 0.8f + 0.1f).ToArray());

    private static byte[] Save(LinearRouterModel model)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        return stream.ToArray();
    }

    [Fact]
    public void SaveLoad_WithCalibration_KeepsQuantiles()
    {
        var model = Model(Calibration());

        var loaded = LinearRouterModel.Load(new MemoryStream(Save(model)));

        Assert.Equal(model.Calibration!.Quantiles, loaded.Calibration!.Quantiles);
        Assert.Equal(model.Calibration.ThresholdForShare(0.3), loaded.Calibration.ThresholdForShare(0.3));
    }

    [Fact]
    public void Load_Version1File_ReadsWithoutCalibration()
    {
        var bytes = Save(Model());
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(4), 1);
        var version1 = bytes[..^4]; // version 1 ends after the weights

        var loaded = LinearRouterModel.Load(new MemoryStream(version1));

        Assert.Null(loaded.Calibration);
        Assert.Equal(Model().Predict("what is 2 + 2"), loaded.Predict("what is 2 + 2"), 3);
    }

    [Fact]
    public void Load_TruncatedCalibration_SaysSo()
    {
        var bytes = Save(Model(Calibration()));

        var error = Assert.Throws<InvalidDataException>(() => LinearRouterModel.Load(new MemoryStream(bytes[..^10])));

        Assert.Contains("calibration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownVersion_SaysRetrain()
    {
        var bytes = Save(Model());
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(4), 9);

        var error = Assert.Throws<InvalidDataException>(() => LinearRouterModel.Load(new MemoryStream(bytes)));

        Assert.Contains("locus router train", error.Message, StringComparison.Ordinal);
    }
}
