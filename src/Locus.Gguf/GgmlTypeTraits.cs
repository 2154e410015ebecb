using System.Collections.Frozen;

namespace Locus.Gguf;

/// <summary>
/// The ggml type table (ggml.c <c>type_traits</c>, sizes from ggml-common.h), needed to turn a
/// tensor's shape into a byte size without touching its data.
/// </summary>
public static class GgmlTypeTraits
{
    private const int QkK = 256; // QK_K: elements per k-quant super-block

    private static readonly FrozenDictionary<GgmlType, GgmlTypeInfo> Table = new GgmlTypeInfo[]
    {
        new(GgmlType.F32, "F32", 1, 4, false),
        new(GgmlType.F16, "F16", 1, 2, false),
        new(GgmlType.Q4_0, "Q4_0", 32, 2 + 16, true),
        new(GgmlType.Q4_1, "Q4_1", 32, 2 + 2 + 16, true),
        new(GgmlType.Q5_0, "Q5_0", 32, 2 + 4 + 16, true),
        new(GgmlType.Q5_1, "Q5_1", 32, 2 + 2 + 4 + 16, true),
        new(GgmlType.Q8_0, "Q8_0", 32, 2 + 32, true),
        new(GgmlType.Q8_1, "Q8_1", 32, 2 + 2 + 32, true),
        new(GgmlType.Q2_K, "Q2_K", QkK, 2 + 2 + (QkK / 16) + (QkK / 4), true),
        new(GgmlType.Q3_K, "Q3_K", QkK, 2 + (QkK / 4) + (QkK / 8) + 12, true),
        new(GgmlType.Q4_K, "Q4_K", QkK, 2 + 2 + 12 + (QkK / 2), true),
        new(GgmlType.Q5_K, "Q5_K", QkK, 2 + 2 + 12 + (QkK / 2) + (QkK / 8), true),
        new(GgmlType.Q6_K, "Q6_K", QkK, 2 + (QkK / 16) + (3 * QkK / 4), true),
        new(GgmlType.Q8_K, "Q8_K", QkK, 4 + QkK + (QkK / 16 * 2), true),
        new(GgmlType.IQ2_XXS, "IQ2_XXS", QkK, 2 + (QkK / 8 * 2), true),
        new(GgmlType.IQ2_XS, "IQ2_XS", QkK, 2 + (QkK / 8 * 2) + (QkK / 32), true),
        new(GgmlType.IQ3_XXS, "IQ3_XXS", QkK, 2 + (3 * (QkK / 8)), true),
        new(GgmlType.IQ1_S, "IQ1_S", QkK, 2 + (QkK / 8) + (QkK / 16), true),
        new(GgmlType.IQ4_NL, "IQ4_NL", 32, 2 + 16, true),
        new(GgmlType.IQ3_S, "IQ3_S", QkK, 2 + (13 * (QkK / 32)) + (QkK / 64), true),
        new(GgmlType.IQ2_S, "IQ2_S", QkK, 2 + (QkK / 4) + (QkK / 16), true),
        new(GgmlType.IQ4_XS, "IQ4_XS", QkK, 2 + 2 + (QkK / 64) + (QkK / 2), true),
        new(GgmlType.I8, "I8", 1, 1, false),
        new(GgmlType.I16, "I16", 1, 2, false),
        new(GgmlType.I32, "I32", 1, 4, false),
        new(GgmlType.I64, "I64", 1, 8, false),
        new(GgmlType.F64, "F64", 1, 8, false),
        new(GgmlType.IQ1_M, "IQ1_M", QkK, (QkK / 8) + (QkK / 16) + (QkK / 32), true),
        new(GgmlType.BF16, "BF16", 1, 2, false),
        new(GgmlType.TQ1_0, "TQ1_0", QkK, 2 + (QkK / 64) + ((QkK - (4 * QkK / 64)) / 5), true),
        new(GgmlType.TQ2_0, "TQ2_0", QkK, 2 + (QkK / 4), true),
        new(GgmlType.MXFP4, "MXFP4", 32, 1 + 16, true),
        new(GgmlType.NVFP4, "NVFP4", 64, 4 + 32, true),
        new(GgmlType.Q1_0, "Q1_0", 128, 2 + 16, true),
        new(GgmlType.Q2_0, "Q2_0", 64, 2 + 16, true),
    }.ToFrozenDictionary(t => t.Type);

    /// <summary>Every type ggml can store in a GGUF file.</summary>
    public static IEnumerable<GgmlTypeInfo> All => Table.Values.OrderBy(t => (int)t.Type);

    /// <summary>Looks up a type id as read from a file; false for ids ggml never had or has removed.</summary>
    public static bool TryGet(GgmlType type, out GgmlTypeInfo info) => Table.TryGetValue(type, out info);

    /// <summary>Returns the layout of <paramref name="type"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The type is not one ggml supports.</exception>
    public static GgmlTypeInfo Get(GgmlType type) =>
        Table.TryGetValue(type, out var info)
            ? info
            : throw new ArgumentOutOfRangeException(nameof(type), type, "not a ggml tensor type");
}
