using System.Globalization;

namespace Locus.Hardware.Performance;

/// <summary>One measured llama-bench result (a row of llama-bench-apple.csv).</summary>
public sealed record BenchRow(
    string Device,
    int? GpuCores,
    double BandwidthGbs,
    string Model,
    double ParamsB,
    string Quant,
    double ModelSizeGib,
    string Test,
    double TokensPerSecond,
    string Source)
{
    /// <summary>Generation tests are <c>tgN</c>, prompt-processing tests <c>ppN</c>.</summary>
    public bool IsDecode => Test.StartsWith("tg", StringComparison.OrdinalIgnoreCase);

    /// <summary>N of tgN / ppN.</summary>
    public int TestTokens => int.Parse(Test.AsSpan(2), NumberStyles.Integer, CultureInfo.InvariantCulture);
}
