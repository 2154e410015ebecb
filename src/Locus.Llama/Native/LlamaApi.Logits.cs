using System.Runtime.InteropServices;

namespace Locus.Llama.Native;

internal static unsafe partial class LlamaApi
{
    [LibraryImport(NativeLibraryNames.Llama)]
    private static partial float* llama_get_logits_ith(IntPtr context, int index);

    /// <summary>
    /// The raw logits (one per vocabulary entry) of the last decoded position, owned by the context and valid until the
    /// next decode. Samplers copy them, so what the sampler chain did to its copy does not show here.
    /// </summary>
    public static ReadOnlySpan<float> LastLogits(IntPtr context, int vocabSize)
    {
        var logits = llama_get_logits_ith(context, -1);
        return logits is null
            ? throw new LlamaNativeException("llama_get_logits_ith(-1) returned null: the last decode produced no logits")
            : new ReadOnlySpan<float>(logits, vocabSize);
    }

    /// <summary>The raw logits of the batch entry at <paramref name="batchIndex"/> (it must have asked for them).</summary>
    public static ReadOnlySpan<float> LogitsAt(IntPtr context, int batchIndex, int vocabSize)
    {
        var logits = llama_get_logits_ith(context, batchIndex);
        return logits is null
            ? throw new LlamaNativeException($"llama_get_logits_ith({batchIndex}) returned null: that batch entry produced no logits")
            : new ReadOnlySpan<float>(logits, vocabSize);
    }
}
