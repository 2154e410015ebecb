using System.Runtime.InteropServices;
using System.Text;

namespace Locus.Llama.Native;

/// <summary>Embedding mode: pooled per-sequence vectors from a context created with <c>embeddings = true</c>.</summary>
internal static unsafe partial class LlamaApi
{
    /// <summary>llama.h <c>enum llama_pooling_type</c>.</summary>
    public const int PoolingUnspecified = -1;
    public const int PoolingNone = 0;
    public const int PoolingMean = 1;
    public const int PoolingCls = 2;
    public const int PoolingLast = 3;
    public const int PoolingRank = 4;

    [LibraryImport(NativeLibraryNames.Llama)]
    private static partial int llama_model_n_embd_out(SafeModelHandle model);

    [LibraryImport(NativeLibraryNames.Llama)]
    private static partial int llama_pooling_type(SafeContextHandle context);

    [LibraryImport(NativeLibraryNames.Llama)]
    private static partial float* llama_get_embeddings_seq(IntPtr context, int sequence);

    [LibraryImport(NativeLibraryNames.Llama)]
    private static partial void llama_memory_clear(IntPtr memory, [MarshalAs(UnmanagedType.U1)] bool data);

    [LibraryImport(NativeLibraryNames.Llama, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int llama_model_meta_val_str(SafeModelHandle model, string key, byte* buffer, nuint size);

    /// <summary>The length of the vectors the model outputs (its hidden size, or a projection's).</summary>
    public static int EmbeddingLength(SafeModelHandle model) => llama_model_n_embd_out(model);

    /// <summary>The pooling the context applies (the model's own when created with <see cref="PoolingUnspecified"/>).</summary>
    public static int PoolingType(SafeContextHandle context) => llama_pooling_type(context);

    /// <summary>
    /// The pooled vector of <paramref name="sequence"/> after the last decode, owned by the context and valid until the
    /// next one. A null from llama.cpp means the context does not pool, which the caller rules out when creating it.
    /// </summary>
    public static ReadOnlySpan<float> SequenceEmbedding(IntPtr context, int sequence, int length)
    {
        var vector = llama_get_embeddings_seq(context, sequence);
        return vector is null
            ? throw new LlamaNativeException($"llama_get_embeddings_seq({sequence}) returned null: the context does not pool embeddings")
            : new ReadOnlySpan<float>(vector, length);
    }

    /// <summary>Drops every sequence's cells (and their data) from the context's memory.</summary>
    public static void ClearMemory(IntPtr context) => llama_memory_clear(llama_get_memory(context), data: true);

    /// <summary>A GGUF metadata value as text (numbers formatted), or null when the model does not have the key.</summary>
    public static string? MetadataText(SafeModelHandle model, string key)
    {
        var buffer = stackalloc byte[256];
        var length = llama_model_meta_val_str(model, key, buffer, 256);
        return length < 0 ? null : Encoding.UTF8.GetString(buffer, Math.Min(length, 255));
    }
}
