using System.Buffers.Binary;
using System.Text;

namespace Locus.Routing.Learning;

/// <summary>
/// A logistic-regression router over hashed n-gram features: p(the strong model is needed) = sigmoid(w·x + b).
/// File format (little-endian): "LRTM" magic, u16 version, u8 hash bits, u8 max word n-gram, u8 min and u8 max
/// char n-gram, u8 weight encoding (1 = float16, 2 = float32), u8 reserved, f32 bias, u32 weight count, weights;
/// version 2 adds u32 calibration point count (0 or 101) and that many f32 score quantiles (<see cref="ScoreCalibration"/>).
/// </summary>
public sealed class LinearRouterModel
{
    private const uint Magic = 0x4D54524C; // "LRTM" read as little-endian u32
    private const ushort Version = 2;
    private const int HeaderBytes = 4 + 2 + 4 + 2 + 4 + 4;

    private readonly float[] weights;

    public LinearRouterModel(FeaturizerConfig config, float[] weights, float bias, ScoreCalibration? calibration = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(weights);
        Featurizer = new HashedNgramFeaturizer(config);
        if (weights.Length != config.Dimension)
        {
            throw new ArgumentException($"Expected {config.Dimension} weights for {config.HashBits} hash bits, got {weights.Length}.", nameof(weights));
        }

        this.weights = weights;
        Bias = bias;
        Calibration = calibration;
    }

    public HashedNgramFeaturizer Featurizer { get; }

    public FeaturizerConfig Config => Featurizer.Config;

    public float Bias { get; }

    public ReadOnlySpan<float> Weights => weights;

    /// <summary>How this model's scores spread over its calibration prompts; null for a model saved without one (version 1).</summary>
    public ScoreCalibration? Calibration { get; }

    /// <summary>The same model with <paramref name="calibration"/> attached.</summary>
    public LinearRouterModel WithCalibration(ScoreCalibration calibration) => new(Config, weights, Bias, calibration);

    /// <summary>Probability that the weak model falls short on this prompt.</summary>
    public double Predict(ReadOnlySpan<char> prompt) => Sigmoid(Featurizer.Dot(prompt, weights) + Bias);

    public double Predict(SparseVector features)
    {
        ArgumentNullException.ThrowIfNull(features);
        return Sigmoid(features.Dot(weights) + Bias);
    }

    public static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    /// <summary>Writes the model; float16 halves the size and changes scores by far less than routing cares about.</summary>
    public void Save(Stream stream, bool halfPrecision = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> header = stackalloc byte[HeaderBytes];
        BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], Version);
        header[6] = (byte)Config.HashBits;
        header[7] = (byte)Config.MaxWordNgram;
        header[8] = (byte)Config.MinCharNgram;
        header[9] = (byte)Config.MaxCharNgram;
        header[10] = halfPrecision ? (byte)1 : (byte)2;
        header[11] = 0;
        BinaryPrimitives.WriteSingleLittleEndian(header[12..], Bias);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], (uint)weights.Length);
        stream.Write(header);

        var width = halfPrecision ? 2 : 4;
        var body = new byte[weights.Length * width];
        for (var i = 0; i < weights.Length; i++)
        {
            if (halfPrecision)
            {
                BinaryPrimitives.WriteHalfLittleEndian(body.AsSpan(i * 2), (Half)weights[i]);
            }
            else
            {
                BinaryPrimitives.WriteSingleLittleEndian(body.AsSpan(i * 4), weights[i]);
            }
        }

        stream.Write(body);

        Span<byte> tail = stackalloc byte[4];
        var points = Calibration?.Quantiles ?? [];
        BinaryPrimitives.WriteUInt32LittleEndian(tail, (uint)points.Count);
        stream.Write(tail);
        foreach (var q in points)
        {
            BinaryPrimitives.WriteSingleLittleEndian(tail, q);
            stream.Write(tail);
        }
    }

    public void Save(string path, bool halfPrecision = true)
    {
        using var file = File.Create(path);
        Save(file, halfPrecision);
    }

    public static LinearRouterModel Load(string path)
    {
        using var file = File.OpenRead(path);
        return Load(file);
    }

    /// <exception cref="InvalidDataException">The stream is not a router model this version can read.</exception>
    public static LinearRouterModel Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> header = stackalloc byte[HeaderBytes];
        if (stream.ReadAtLeast(header, HeaderBytes, throwOnEndOfStream: false) < HeaderBytes)
        {
            throw new InvalidDataException("Not a Locus router model: the file is shorter than an 'LRTM' header.");
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(header) != Magic)
        {
            throw new InvalidDataException("Not a Locus router model: the file does not start with 'LRTM'.");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(header[4..]);
        if (version is not (1 or Version))
        {
            throw new InvalidDataException($"Router model version {version} is not supported (this build reads versions 1 and {Version}); retrain it with `locus router train`.");
        }

        var config = new FeaturizerConfig(header[6], header[7], header[8], header[9]);
        try
        {
            config.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new InvalidDataException($"Router model has an invalid featurizer header: {e.Message}", e);
        }

        var encoding = header[10];
        if (encoding is not (1 or 2))
        {
            throw new InvalidDataException($"Router model weight encoding {encoding} is unknown (1 = float16, 2 = float32).");
        }

        var bias = BinaryPrimitives.ReadSingleLittleEndian(header[12..]);
        var count = BinaryPrimitives.ReadUInt32LittleEndian(header[16..]);
        if (count != (uint)config.Dimension)
        {
            throw new InvalidDataException($"Router model declares {count} weights but its header needs {config.Dimension}.");
        }

        var width = encoding == 1 ? 2 : 4;
        var body = new byte[config.Dimension * width];
        try
        {
            stream.ReadExactly(body);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("Router model is truncated: fewer weights than its header declares.", e);
        }

        var weights = new float[config.Dimension];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = width == 2 ? (float)BinaryPrimitives.ReadHalfLittleEndian(body.AsSpan(i * 2)) : BinaryPrimitives.ReadSingleLittleEndian(body.AsSpan(i * 4));
        }

        return new LinearRouterModel(config, weights, bias, version == 1 ? null : ReadCalibration(stream));
    }

    private static ScoreCalibration? ReadCalibration(Stream stream)
    {
        Span<byte> word = stackalloc byte[4];
        try
        {
            stream.ReadExactly(word);
            var count = BinaryPrimitives.ReadUInt32LittleEndian(word);
            if (count == 0)
            {
                return null;
            }

            if (count != ScoreCalibration.Points)
            {
                throw new InvalidDataException($"Router model calibration has {count} points; expected 0 or {ScoreCalibration.Points}.");
            }

            var points = new float[count];
            for (var i = 0; i < points.Length; i++)
            {
                stream.ReadExactly(word);
                points[i] = BinaryPrimitives.ReadSingleLittleEndian(word);
            }

            return new ScoreCalibration(points);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("Router model is truncated: its calibration section is incomplete.", e);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"Router model calibration is invalid: {e.Message}", e);
        }
    }

    public override string ToString() =>
        new StringBuilder("LinearRouterModel(").Append(Config).Append(", bias ").Append(Bias.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(')').ToString();
}
