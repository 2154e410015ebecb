namespace Locus.Gguf;

/// <summary>
/// Names for <c>general.file_type</c> (llama.h <c>enum llama_ftype</c>, gguf-py <c>LlamaFileType</c>)
/// with the <c>MOSTLY_</c> prefix dropped, as model files and hubs name their quantizations.
/// </summary>
internal static class GgufFileTypes
{
    private static readonly string?[] Names =
    [
        "ALL_F32", "F16", "Q4_0", "Q4_1", "Q4_1_SOME_F16", null, null, "Q8_0", "Q5_0", "Q5_1", // 0-9
        "Q2_K", "Q3_K_S", "Q3_K_M", "Q3_K_L", "Q4_K_S", "Q4_K_M", "Q5_K_S", "Q5_K_M", "Q6_K", "IQ2_XXS", // 10-19
        "IQ2_XS", "Q2_K_S", "IQ3_XS", "IQ3_XXS", "IQ1_S", "IQ4_NL", "IQ3_S", "IQ3_M", "IQ2_S", "IQ2_M", // 20-29
        "IQ4_XS", "IQ1_M", "BF16", "Q4_0_4_4", "Q4_0_4_8", "Q4_0_8_8", "TQ1_0", "TQ2_0", "MXFP4_MOE", "NVFP4", // 30-39
        "Q1_0", "Q2_0", // 40-41
    ];

    /// <summary>The name for a file type id, or null for ids llama.cpp does not define (1024 means "guessed").</summary>
    public static string? Name(long fileType) =>
        fileType >= 0 && fileType < Names.Length ? Names[fileType] : null;

    /// <summary>The general.file_type id llama.cpp writes for a model whose big tensors are all <paramref name="type"/>.</summary>
    public static uint ForWeights(GgmlType type) => type switch
    {
        GgmlType.F32 => 0,
        GgmlType.F16 => 1,
        GgmlType.Q4_0 => 2,
        GgmlType.Q8_0 => 7,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no file type recorded for this weight type"),
    };
}
