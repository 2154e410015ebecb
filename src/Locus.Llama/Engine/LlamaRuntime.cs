using System.Runtime.InteropServices;
using System.Text;
using Locus.Core.Configuration;
using Locus.Core.Errors;
using Locus.Llama.Native;
using Microsoft.Extensions.Logging;

namespace Locus.Llama.Engine;

/// <summary>
/// Process-wide llama.cpp start-up: find and load the libraries, load the backend plugins from the same folder, route
/// llama.cpp's log into <see cref="ILogger"/>, then <c>llama_backend_init</c>. Done once; later calls return the result.
/// </summary>
internal static partial class LlamaRuntime
{
    private static readonly Lock Gate = new();
    private static NativeLibrarySet? s_libraries;
    private static ILogger? s_nativeLogger;
    private static string? s_lastNativeError;

    /// <summary>The last error llama.cpp logged, to explain a failed model load.</summary>
    public static string? LastNativeError => Volatile.Read(ref s_lastNativeError);

    public static NativeLibrarySet EnsureInitialized(LlamaOptions options, ILoggerFactory? loggerFactory)
    {
        lock (Gate)
        {
            if (s_libraries is not null)
            {
                return s_libraries;
            }

            var libraries = NativeLibraryResolver.Install(options.NativeDir, Environment.GetEnvironmentVariable(NativeLibraryResolver.EnvironmentVariable));
            s_nativeLogger = loggerFactory?.CreateLogger("Locus.Llama.Native");
            unsafe
            {
                LlamaApi.SetLogCallback(&OnNativeLog);
            }

            // Backends must be registered before llama_backend_init, or model loads fail with "no backends are loaded".
            var devices = GgmlApi.LoadBackends(libraries.Folder);
            if (devices == 0)
            {
                throw new LocusException(new LocusError(LocusErrorKind.Unavailable,
                    $"llama.cpp loaded from {libraries.Folder} but found no compute backend there: the folder must also hold the " +
                    "backend plugins (libggml-cpu-*.so / ggml-cpu-*.dll). Copy them beside libllama, or point llama.native_dir at a complete build.",
                    Code: "native_backend_missing"));
            }

            LlamaApi.BackendInit();
            var logger = loggerFactory?.CreateLogger(typeof(LlamaRuntime));
            if (logger is not null && logger.IsEnabled(LogLevel.Information))
            {
                var cpu = GgmlApi.CpuDescription() ?? "none";
                Log.Initialized(logger, LlamaApi.Version, libraries.Folder, cpu, devices);
            }

            s_libraries = libraries;
            return libraries;
        }
    }

    [UnmanagedCallersOnly]
    private static unsafe void OnNativeLog(int level, byte* text, IntPtr userData)
    {
        if (text is null)
        {
            return;
        }

        if (level == 4)
        {
            Volatile.Write(ref s_lastNativeError, Encoding.UTF8.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(text)).Trim());
        }

        var logger = s_nativeLogger;
        if (logger is null)
        {
            return;
        }

        // ggml levels: 1 debug, 2 info, 3 warn, 4 error, 5 cont. llama.cpp is chatty at info: keep it at Debug.
        var logLevel = level switch { 4 => LogLevel.Error, 3 => LogLevel.Warning, _ => LogLevel.Debug };
        if (logger.IsEnabled(logLevel))
        {
            var message = Encoding.UTF8.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(text)).TrimEnd();
            if (message.Length > 0)
            {
                Log.Native(logger, logLevel, message);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "llama.cpp {Version} loaded from {Folder}; CPU backend: {Cpu}; {Devices} device(s)")]
        public static partial void Initialized(ILogger logger, string version, string folder, string cpu, int devices);

        [LoggerMessage(EventId = 1001, Message = "llama.cpp: {Message}")]
        public static partial void Native(ILogger logger, LogLevel level, string message);
    }
}
