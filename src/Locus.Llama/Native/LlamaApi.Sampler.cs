using System.Runtime.InteropServices;

namespace Locus.Llama.Native;

internal static unsafe partial class LlamaApi
{
    [LibraryImport(NativeLibraryNames.Llama)]
    private static partial SafeSamplerHandle llama_sampler_chain_init(LlamaSamplerChainParams parameters);

    [LibraryImport(NativeLibraryNames.Llama)]
    private static partial void llama_sampler_chain_add(SafeSamplerHandle chain, IntPtr sampler);

    [LibraryImport(NativeLibraryNames.Llama)]
    private static partial void llama_sampler_free(IntPtr sampler);

    [LibraryImport(NativeLibraryNames.Llama)]
    private static partial int llama_sampler_sample(IntPtr sampler, IntPtr context, int index);

    [LibraryImport(NativeLibraryNames.Llama)]
    internal static partial IntPtr llama_sampler_init_greedy();

    [LibraryImport(NativeLibraryNames.Llama)]
    internal static partial IntPtr llama_sampler_init_dist(uint seed);

    [LibraryImport(NativeLibraryNames.Llama)]
    internal static partial IntPtr llama_sampler_init_top_k(int k);

    [LibraryImport(NativeLibraryNames.Llama)]
    internal static partial IntPtr llama_sampler_init_top_p(float p, nuint minKeep);

    [LibraryImport(NativeLibraryNames.Llama)]
    internal static partial IntPtr llama_sampler_init_min_p(float p, nuint minKeep);

    [LibraryImport(NativeLibraryNames.Llama)]
    internal static partial IntPtr llama_sampler_init_temp(float temperature);

    [LibraryImport(NativeLibraryNames.Llama)]
    internal static partial IntPtr llama_sampler_init_penalties(int vocabSize, int lastN, float repeat, float frequency, float presence);

    public static SafeSamplerHandle CreateChain()
    {
        var chain = llama_sampler_chain_init(new LlamaSamplerChainParams { NoPerf = 1 });
        return chain.IsInvalid ? throw new LlamaNativeException("llama_sampler_chain_init returned null") : chain;
    }

    /// <summary>Adds a sampler made by one of the llama_sampler_init_* functions; the chain takes ownership.</summary>
    public static void AddToChain(SafeSamplerHandle chain, IntPtr sampler)
    {
        if (sampler == IntPtr.Zero)
        {
            throw new LlamaNativeException("a llama_sampler_init_* function returned null");
        }

        llama_sampler_chain_add(chain, sampler);
    }

    internal static void FreeSampler(IntPtr sampler) => llama_sampler_free(sampler);

    /// <summary>Samples (and accepts) a token from the logits of the batch entry at <paramref name="batchIndex"/>.</summary>
    public static int SampleAt(IntPtr sampler, IntPtr context, int batchIndex) => llama_sampler_sample(sampler, context, batchIndex);
}
