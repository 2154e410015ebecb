namespace Locus.Hardware.Models;

/// <summary>
/// Bits per weight by quantization name, for sizing a model without its file (hardware-facts.md). K-quant mixes use the
/// whole-file effective figure measured on Llama-3 8B (their embeddings and some layers are kept at higher precision);
/// single-type quants use the block layout from ggml-common.h.
/// </summary>
public static class QuantTable
{
    private static readonly Dictionary<string, double> Bits = new(StringComparer.OrdinalIgnoreCase)
    {
        // Whole-file effective bpw, Llama-3 8B (llama.cpp quantize sizes, hardware-facts.md).
        ["Q2_K"] = 3.17,
        ["Q3_K_M"] = 4.00,
        ["Q4_K_M"] = 4.90,
        ["Q5_K_M"] = 5.70,
        ["Q6_K"] = 6.57,
        // Block layouts (ggml-common.h, hardware-facts.md).
        ["Q4_0"] = 4.5,
        ["Q4_1"] = 5.0,
        ["Q5_0"] = 5.5,
        ["Q5_1"] = 6.0,
        ["Q8_0"] = 8.5,
        ["F16"] = 16,
        ["BF16"] = 16,
        ["F32"] = 32,
    };

    public static IEnumerable<string> Names => Bits.Keys.Order(StringComparer.Ordinal);

    /// <summary>Bits per weight for <paramref name="quant"/>; false for a name not in the table.</summary>
    public static bool TryGet(string quant, out double bitsPerWeight) => Bits.TryGetValue(quant, out bitsPerWeight);
}
