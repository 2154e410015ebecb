using System.Runtime.InteropServices;
using System.Text;

namespace Locus.Llama.Native;

internal static unsafe partial class LlamaApi
{
    [LibraryImport(NativeLibraryNames.Llama)]
    private static partial int llama_vocab_bos(IntPtr vocab);

    [LibraryImport(NativeLibraryNames.Llama)]
    private static partial int llama_vocab_eos(IntPtr vocab);

    [LibraryImport(NativeLibraryNames.Llama)]
    [return: MarshalAs(UnmanagedType.U1)]
    private static partial bool llama_vocab_get_add_bos(IntPtr vocab);

    /// <summary>Whether tokenizing with add_special puts a BOS token first (a template that writes one must not repeat it).</summary>
    public static bool AddsBos(IntPtr vocab) => llama_vocab_get_add_bos(vocab);

    /// <summary>The text of the BOS token ("" when the vocabulary has none), as a chat template's <c>bos_token</c>.</summary>
    public static string BosText(IntPtr vocab) => SpecialText(vocab, llama_vocab_bos(vocab));

    /// <summary>The text of the EOS token ("" when the vocabulary has none), as a chat template's <c>eos_token</c>.</summary>
    public static string EosText(IntPtr vocab) => SpecialText(vocab, llama_vocab_eos(vocab));

    /// <summary>A token's text with special tokens rendered (e.g. <c>&lt;|im_end|&gt;</c>).</summary>
    public static string TokenText(IntPtr vocab, int token)
    {
        Span<byte> buffer = stackalloc byte[256];
        var length = TokenToPiece(vocab, token, buffer, renderSpecial: true);
        return Encoding.UTF8.GetString(buffer[..length]);
    }

    private static string SpecialText(IntPtr vocab, int token) => token < 0 ? "" : TokenText(vocab, token);
}
