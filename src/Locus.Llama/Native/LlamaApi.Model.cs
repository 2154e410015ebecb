using System.Runtime.InteropServices;

namespace Locus.Llama.Native;

internal static unsafe partial class LlamaApi
{
    [LibraryImport(NativeLibraryNames.Llama, StringMarshalling = StringMarshalling.Utf8)]
    private static partial SafeModelHandle llama_model_load_from_file(string path, LlamaModelParams parameters);

    [LibraryImport(NativeLibraryNames.Llama)]
    private static partial void llama_model_free(IntPtr model);

    [LibraryImport(NativeLibraryNames.Llama)]
    private static partial IntPtr llama_model_get_vocab(SafeModelHandle model);

    [LibraryImport(NativeLibraryNames.Llama)]
    private static partial int llama_model_n_ctx_train(SafeModelHandle model);

    [LibraryImport(NativeLibraryNames.Llama)]
    private static partial ulong llama_model_size(SafeModelHandle model);

    [LibraryImport(NativeLibraryNames.Llama)]
    private static partial ulong llama_model_n_params(SafeModelHandle model);

    [LibraryImport(NativeLibraryNames.Llama)]
    private static partial IntPtr llama_model_chat_template(SafeModelHandle model, IntPtr name);

    [LibraryImport(NativeLibraryNames.Llama)]
    private static partial int llama_model_desc(SafeModelHandle model, byte* buffer, nuint size);

    /// <summary>Null when llama.cpp refused the file (its log says why); the caller turns that into a request error.</summary>
    public static SafeModelHandle? LoadModel(string path, in LlamaModelParams parameters)
    {
        var model = llama_model_load_from_file(path, parameters);
        if (model.IsInvalid)
        {
            model.Dispose();
            return null;
        }

        return model;
    }

    internal static void FreeModel(IntPtr model) => llama_model_free(model);

    public static IntPtr Vocab(SafeModelHandle model) => llama_model_get_vocab(model);

    public static int TrainedContextLength(SafeModelHandle model) => llama_model_n_ctx_train(model);

    public static ulong SizeBytes(SafeModelHandle model) => llama_model_size(model);

    public static ulong ParameterCount(SafeModelHandle model) => llama_model_n_params(model);

    /// <summary>The GGUF's default chat template (Jinja text), or null when it has none.</summary>
    public static string? ChatTemplate(SafeModelHandle model) =>
        Marshal.PtrToStringUTF8(llama_model_chat_template(model, IntPtr.Zero));

    public static string Description(SafeModelHandle model)
    {
        var buffer = stackalloc byte[256];
        var length = llama_model_desc(model, buffer, 256);
        return length <= 0 ? "" : System.Text.Encoding.UTF8.GetString(buffer, Math.Min(length, 255));
    }
}
