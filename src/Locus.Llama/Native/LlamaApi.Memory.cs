using System.Runtime.InteropServices;

namespace Locus.Llama.Native;

/// <summary>Per-sequence KV-cache edits, for continuous batching (one context, one sequence id per slot).</summary>
internal static unsafe partial class LlamaApi
{
    [LibraryImport(NativeLibraryNames.Llama)]
    [return: MarshalAs(UnmanagedType.U1)]
    private static partial bool llama_memory_seq_rm(IntPtr memory, int sequence, int fromPosition, int toPosition);

    [LibraryImport(NativeLibraryNames.Llama)]
    private static partial int llama_memory_seq_pos_max(IntPtr memory, int sequence);

    /// <summary>
    /// Removes the cells of <paramref name="sequence"/> at positions from <paramref name="fromPosition"/> on (all of
    /// them when it is 0). False when the cache cannot cut a sequence part-way (recurrent models): clear it instead.
    /// </summary>
    public static bool RemoveSequenceTail(IntPtr context, int sequence, int fromPosition) =>
        llama_memory_seq_rm(llama_get_memory(context), sequence, fromPosition <= 0 ? -1 : fromPosition, -1);

    /// <summary>Drops every cell of <paramref name="sequence"/>.</summary>
    public static void ClearSequence(IntPtr context, int sequence) => llama_memory_seq_rm(llama_get_memory(context), sequence, -1, -1);

    /// <summary>The highest position <paramref name="sequence"/> holds in the cache, or -1 when it holds none.</summary>
    public static int SequenceMaxPosition(IntPtr context, int sequence) => llama_memory_seq_pos_max(llama_get_memory(context), sequence);
}
