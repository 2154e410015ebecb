using System.Runtime.InteropServices;

namespace Locus.Llama.Native;

internal static unsafe partial class LlamaApi
{
    [LibraryImport(NativeLibraryNames.Llama)]
    private static partial int llama_tokenize(IntPtr vocab, byte* text, int textLength, int* tokens, int maxTokens,
        [MarshalAs(UnmanagedType.U1)] bool addSpecial, [MarshalAs(UnmanagedType.U1)] bool parseSpecial);

    [LibraryImport(NativeLibraryNames.Llama)]
    private static partial int llama_token_to_piece(IntPtr vocab, int token, byte* buffer, int length, int lstrip,
        [MarshalAs(UnmanagedType.U1)] bool special);

    [LibraryImport(NativeLibraryNames.Llama)]
    [return: MarshalAs(UnmanagedType.U1)]
    private static partial bool llama_vocab_is_eog(IntPtr vocab, int token);

    [LibraryImport(NativeLibraryNames.Llama)]
    private static partial int llama_vocab_n_tokens(IntPtr vocab);

    public static int VocabSize(IntPtr vocab) => llama_vocab_n_tokens(vocab);

    public static bool IsEndOfGeneration(IntPtr vocab, int token) => llama_vocab_is_eog(vocab, token);

    /// <summary>Tokenizes UTF-8 text. Special-token text (e.g. <c>&lt;|im_start|&gt;</c>) is parsed when asked.</summary>
    public static int[] Tokenize(IntPtr vocab, ReadOnlySpan<byte> utf8, bool addSpecial, bool parseSpecial)
    {
        // A token covers at least one byte, plus room for BOS/EOS that add_special may add.
        var tokens = new int[utf8.Length + 4];
        fixed (byte* text = utf8)
        fixed (int* output = tokens)
        {
            var count = llama_tokenize(vocab, text, utf8.Length, output, tokens.Length, addSpecial, parseSpecial);
            if (count < 0)
            {
                throw new LlamaNativeException($"llama_tokenize needed {-count} tokens for {utf8.Length} bytes");
            }

            return tokens.AsSpan(0, count).ToArray();
        }
    }

    /// <summary>Writes the bytes of <paramref name="token"/> into <paramref name="buffer"/>; returns the byte count.</summary>
    public static int TokenToPiece(IntPtr vocab, int token, Span<byte> buffer, bool renderSpecial)
    {
        fixed (byte* output = buffer)
        {
            var length = llama_token_to_piece(vocab, token, output, buffer.Length, 0, renderSpecial);
            if (length < 0)
            {
                throw new LlamaNativeException($"token {token} needs {-length} bytes, buffer has {buffer.Length}");
            }

            return length;
        }
    }
}
