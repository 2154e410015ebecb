using System.Runtime.InteropServices;
using System.Text;

namespace Locus.Llama.Native;

internal static unsafe partial class LlamaApi
{
    [LibraryImport(NativeLibraryNames.Llama)]
    private static partial int llama_chat_apply_template(byte* template, LlamaChatMessage* chat, nuint count,
        [MarshalAs(UnmanagedType.U1)] bool addAssistant, byte* buffer, int length);

    [LibraryImport(NativeLibraryNames.Llama)]
    private static partial int llama_chat_builtin_templates(IntPtr* output, nuint length);

    /// <summary>Names of llama.cpp's built-in templates (chatml, llama3, mistral-v7, ...).</summary>
    public static IReadOnlyList<string> BuiltinTemplates()
    {
        var count = llama_chat_builtin_templates(null, 0);
        var names = new IntPtr[count];
        fixed (IntPtr* output = names)
        {
            count = Math.Min(count, llama_chat_builtin_templates(output, (nuint)count));
        }

        return names.Take(count).Select(n => Marshal.PtrToStringUTF8(n) ?? "").ToArray();
    }

    /// <summary>
    /// Formats messages with <paramref name="template"/> (Jinja text llama.cpp recognizes, or a built-in name).
    /// Returns null when llama.cpp does not know the template.
    /// </summary>
    public static string? ApplyTemplate(string template, IReadOnlyList<(string Role, string Content)> messages, bool addAssistant)
    {
        var pinned = new List<GCHandle>();
        try
        {
            byte* Pin(string text)
            {
                var handle = GCHandle.Alloc(Encoding.UTF8.GetBytes(text + "\0"), GCHandleType.Pinned);
                pinned.Add(handle);
                return (byte*)handle.AddrOfPinnedObject();
            }

            var chat = new LlamaChatMessage[messages.Count];
            var totalLength = 0;
            for (var i = 0; i < messages.Count; i++)
            {
                chat[i] = new LlamaChatMessage { Role = Pin(messages[i].Role), Content = Pin(messages[i].Content) };
                totalLength += messages[i].Content.Length + messages[i].Role.Length;
            }

            var templateBytes = Pin(template);
            var buffer = new byte[Math.Max(256, totalLength * 2 + 256)];
            fixed (LlamaChatMessage* chatPtr = chat)
            {
                for (var attempt = 0; attempt < 2; attempt++)
                {
                    fixed (byte* output = buffer)
                    {
                        var length = llama_chat_apply_template(templateBytes, chatPtr, (nuint)chat.Length, addAssistant, output, buffer.Length);
                        if (length < 0)
                        {
                            return null;
                        }

                        if (length <= buffer.Length)
                        {
                            return Encoding.UTF8.GetString(buffer, 0, length);
                        }

                        buffer = new byte[length];
                    }
                }
            }

            throw new LlamaNativeException("llama_chat_apply_template kept asking for a larger buffer");
        }
        finally
        {
            foreach (var handle in pinned)
            {
                handle.Free();
            }
        }
    }
}
