using System.Runtime.InteropServices;

namespace Locus.Llama.Native;

internal static unsafe partial class LlamaApi
{
    [LibraryImport(NativeLibraryNames.Llama)]
    private static partial void llama_sampler_apply(IntPtr sampler, LlamaTokenDataArray* candidates);

    [LibraryImport(NativeLibraryNames.Llama)]
    private static partial void llama_sampler_accept(IntPtr sampler, int token);

    /// <summary>Runs a sampler (or chain) over <paramref name="candidates"/>: it masks, reorders or selects in place.</summary>
    public static void Apply(IntPtr sampler, LlamaTokenDataArray* candidates) => llama_sampler_apply(sampler, candidates);

    /// <summary>Tells a sampler (or chain) which token was chosen, so stateful ones (grammar, penalties) advance.</summary>
    public static void Accept(IntPtr sampler, int token) => llama_sampler_accept(sampler, token);
}
