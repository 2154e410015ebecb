using System.Runtime.InteropServices;

namespace Locus.Llama.Native;

/// <summary>
/// llama.h entry points. The imports are private; the internal wrappers check results and turn native failures into
/// <see cref="LlamaNativeException"/> (a bug or a broken library, never a bad request).
/// </summary>
internal static unsafe partial class LlamaApi
{
    [LibraryImport(NativeLibraryNames.Llama)]
    private static partial IntPtr llama_version();

    [LibraryImport(NativeLibraryNames.Llama)]
    private static partial void llama_backend_init();

    [LibraryImport(NativeLibraryNames.Llama)]
    private static partial IntPtr llama_print_system_info();

    [LibraryImport(NativeLibraryNames.Llama)]
    private static partial void llama_log_set(IntPtr callback, IntPtr userData);

    [LibraryImport(NativeLibraryNames.Llama)]
    internal static partial LlamaModelParams llama_model_default_params();

    [LibraryImport(NativeLibraryNames.Llama)]
    internal static partial LlamaContextParams llama_context_default_params();

    [LibraryImport(NativeLibraryNames.Llama)]
    internal static partial LlamaSamplerChainParams llama_sampler_chain_default_params();

    public static string Version => Marshal.PtrToStringUTF8(llama_version()) ?? "unknown";

    public static string SystemInfo => Marshal.PtrToStringUTF8(llama_print_system_info()) ?? "";

    public static void BackendInit() => llama_backend_init();

    public static void SetLogCallback(delegate* unmanaged<int, byte*, IntPtr, void> callback) =>
        llama_log_set((IntPtr)callback, IntPtr.Zero);
}

/// <summary>A native call failed in a way no request can cause: an out-of-memory, a broken library, a bug.</summary>
internal sealed class LlamaNativeException(string message) : Exception(message);
