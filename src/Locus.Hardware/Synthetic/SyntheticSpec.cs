using System.Globalization;
using Locus.Gguf;

namespace Locus.Hardware.Synthetic;

/// <summary>
/// What `locus bench --synthetic ARCH:SIZE:QUANT` asks for, e.g. <c>llama:1b:q4_0</c> or <c>qwen2:0.5b:q8_0</c>:
/// an architecture family of <see cref="Models.ArchitecturePresets"/>, a size in parameters (<c>1b</c>, <c>0.5b</c>,
/// <c>500m</c>) and one weight type the random-model writer can encode.
/// </summary>
public sealed record SyntheticSpec(string Architecture, double ParamsB, GgmlType WeightType)
{
    /// <summary>Weight types <see cref="RandomModelWriter"/> encodes (K-quants need llama.cpp's quantizer).</summary>
    public static IReadOnlyList<GgmlType> WeightTypes { get; } = [GgmlType.F32, GgmlType.F16, GgmlType.Q8_0, GgmlType.Q4_0];

    public string Quant => WeightType.ToString().ToUpperInvariant();

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Architecture}:{ParamsB:0.###}b:{WeightType.ToString().ToLowerInvariant()}");

    /// <exception cref="ArgumentException">The text is not ARCH:SIZE:QUANT with a known family, a positive size and a writable type.</exception>
    public static SyntheticSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':');
        if (parts.Length != 3)
        {
            throw new ArgumentException($"'{text}' is not ARCH:SIZE:QUANT (e.g. llama:1b:q4_0, qwen2:0.5b:q8_0)");
        }

        var family = SyntheticShapes.Family(parts[0]);
        var size = ParseSize(parts[1]) ?? throw new ArgumentException($"size '{parts[1]}' is not a parameter count like 1b, 0.5b or 500m");
        if (!Enum.TryParse<GgmlType>(parts[2], ignoreCase: true, out var type) || !WeightTypes.Contains(type))
        {
            throw new ArgumentException(
                $"weight type '{parts[2]}' cannot be written; supported: {string.Join(", ", WeightTypes.Select(t => t.ToString().ToLowerInvariant()))} (K-quants need llama.cpp's quantizer)");
        }

        return new SyntheticSpec(family, size, type);
    }

    private static double? ParseSize(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        var scale = t.EndsWith('b') ? 1.0 : t.EndsWith('m') ? 1e-3 : 0;
        return scale > 0 && double.TryParse(t.AsSpan(0, t.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0 && double.IsFinite(n)
            ? n * scale
            : null;
    }
}
