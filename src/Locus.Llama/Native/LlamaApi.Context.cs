using System.Runtime.InteropServices;

namespace Locus.Llama.Native;

internal static unsafe partial class LlamaApi
{
    [LibraryImport(NativeLibraryNames.Llama)]
    private static partial SafeContextHandle llama_init_from_model(SafeModelHandle model, LlamaContextParams parameters);

    [LibraryImport(NativeLibraryNames.Llama)]
    private static partial void llama_free(IntPtr context);

    [LibraryImport(NativeLibraryNames.Llama)]
    private static partial uint llama_n_ctx(SafeContextHandle context);

    [LibraryImport(NativeLibraryNames.Llama)]
    private static partial uint llama_n_ctx_seq(SafeContextHandle context);

    [LibraryImport(NativeLibraryNames.Llama)]
    private static partial IntPtr llama_get_memory(IntPtr context);

    [LibraryImport(NativeLibraryNames.Llama)]
    private static partial int llama_decode(IntPtr context, LlamaBatch batch);

    [LibraryImport(NativeLibraryNames.Llama)]
    private static partial void llama_attach_threadpool(SafeContextHandle context, SafeThreadpoolHandle pool, IntPtr batchPool);

    [LibraryImport(NativeLibraryNames.Llama)]
    private static partial LlamaPerfContextData llama_perf_context(SafeContextHandle context);

    [LibraryImport(NativeLibraryNames.Llama)]
    private static partial void llama_set_abort_callback(IntPtr context, IntPtr callback, IntPtr data);

    public static SafeContextHandle? CreateContext(SafeModelHandle model, in LlamaContextParams parameters)
    {
        var context = llama_init_from_model(model, parameters);
        if (context.IsInvalid)
        {
            context.Dispose();
            return null;
        }

        context.KeepAlive(model);
        return context;
    }

    internal static void FreeContext(IntPtr context) => llama_free(context);

    /// <summary>
    /// Sets (or, with a null callback, clears) the function ggml calls after every graph node to ask whether to stop.
    /// It takes effect from the next llama_decode.
    /// </summary>
    public static void SetAbortCallback(IntPtr context, delegate* unmanaged<IntPtr, byte> callback, void* data) =>
        llama_set_abort_callback(context, (IntPtr)callback, (IntPtr)data);

    public static int ContextLength(SafeContextHandle context) => (int)llama_n_ctx(context);

    /// <summary>Tokens one sequence may hold (the context divided between sequences, each share rounded up to 256).</summary>
    public static int SequenceContextLength(SafeContextHandle context) => (int)llama_n_ctx_seq(context);

    public static void AttachThreadpool(SafeContextHandle context, SafeThreadpoolHandle pool) =>
        llama_attach_threadpool(context, pool, IntPtr.Zero);

    public static LlamaPerfContextData Perf(SafeContextHandle context) => llama_perf_context(context);

    /// <summary>
    /// Evaluates <paramref name="count"/> tokens at the end of sequence 0 (llama_batch_get_one semantics: logits for
    /// the last one only). Returns llama_decode's code: 0 ok, 1 no KV slot, 2 aborted; anything else is a bug.
    /// </summary>
    public static int Decode(IntPtr context, int* tokens, int count)
    {
        var batch = new LlamaBatch { NTokens = count, Token = tokens };
        var result = llama_decode(context, batch);
        if (result is < 0 or > 2)
        {
            throw new LlamaNativeException($"llama_decode failed with code {result} for a batch of {count} tokens");
        }

        return result;
    }

    /// <summary>
    /// Evaluates a prepared multi-sequence batch. Returns llama_decode's code: 0 ok, 1 no KV slot, 2 aborted; anything
    /// else is a bug.
    /// </summary>
    public static int Decode(IntPtr context, in LlamaBatch batch)
    {
        var result = llama_decode(context, batch);
        if (result is < 0 or > 2)
        {
            throw new LlamaNativeException($"llama_decode failed with code {result} for a batch of {batch.NTokens} tokens");
        }

        return result;
    }
}
