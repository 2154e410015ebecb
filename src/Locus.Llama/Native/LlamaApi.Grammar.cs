using System.Runtime.InteropServices;

namespace Locus.Llama.Native;

internal static unsafe partial class LlamaApi
{
    [LibraryImport(NativeLibraryNames.Llama, StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr llama_sampler_init_grammar(IntPtr vocab, string grammar, string root);

    [LibraryImport(NativeLibraryNames.Llama, StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr llama_sampler_init_grammar_lazy_patterns(IntPtr vocab, string grammar, string root,
        IntPtr* triggerPatterns, nuint patternCount, int* triggerTokens, nuint tokenCount);

    /// <summary>
    /// A GBNF grammar sampler, or null when llama.cpp cannot parse <paramref name="grammar"/> (it logs why). Put it in a
    /// chain before the samplers that pick a token; the chain takes ownership.
    /// </summary>
    public static IntPtr CreateGrammarSampler(IntPtr vocab, string grammar, string root = "root") =>
        llama_sampler_init_grammar(vocab, grammar, root);

    /// <summary>
    /// A grammar sampler that passes every token until the generated text matches one of
    /// <paramref name="triggerPatterns"/> (regular expressions matched from the start of the output; the grammar is fed
    /// the text from the first capture group on) or one of <paramref name="triggerTokens"/> is sampled. Null when the
    /// grammar does not parse.
    /// </summary>
    public static IntPtr CreateLazyGrammarSampler(IntPtr vocab, string grammar, IReadOnlyList<string> triggerPatterns,
        IReadOnlyList<int> triggerTokens, string root = "root")
    {
        var patterns = new IntPtr[triggerPatterns.Count];
        try
        {
            for (var i = 0; i < patterns.Length; i++)
            {
                patterns[i] = Marshal.StringToCoTaskMemUTF8(triggerPatterns[i]);
            }

            var tokens = triggerTokens.ToArray();
            fixed (IntPtr* p = patterns)
            fixed (int* t = tokens)
            {
                return llama_sampler_init_grammar_lazy_patterns(vocab, grammar, root, p, (nuint)patterns.Length, t, (nuint)tokens.Length);
            }
        }
        finally
        {
            foreach (var pattern in patterns)
            {
                Marshal.FreeCoTaskMem(pattern);
            }
        }
    }
}
