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
    private static NativeBackend? s_backend;

    /// <summary>Which build and devices llama.cpp runs on, once initialized.</summary>
    public static NativeBackend? Backend => Volatile.Read(ref s_backend);

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

            var libraries = NativeLibraryResolver.Install(options.NativeDir, Environment.GetEnvironmentVariable(NativeLibraryResolver.EnvironmentVariable),
                options.Backend);
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
            var found = GgmlApi.Devices();
            var gpus = found.Where(d => d.IsGpu).ToList();
            var fallback = BackendSelection.FallbackReason(options.Backend, libraries.Build, gpus.Count,
                gpus.Count == 0 && libraries.Build is BackendSelection.Cuda or BackendSelection.Vulkan ? PluginError(libraries) : null);
            s_backend = new NativeBackend(options.Backend, libraries.Build, libraries.Folder,
                gpus.Count > 0 ? string.Join(", ", gpus.Select(g => $"{g.Name} ({g.Description})")) : GgmlApi.CpuDescription() ?? "CPU", fallback);
            var logger = loggerFactory?.CreateLogger(typeof(LlamaRuntime));
            if (logger is not null)
            {
                Log.Initialized(logger, LlamaApi.Version, libraries.Folder, libraries.Build, s_backend.Devices, devices);
                if (fallback is not null)
                {
                    Log.FellBack(logger, fallback);
                }
            }

            s_libraries = libraries;
            return libraries;
        }
    }

    /// <summary>Why a GPU build's plugin did not load: ggml skips it silently, so load it once more to hear the loader.</summary>
    private static string? PluginError(NativeLibrarySet libraries)
    {
        var plugin = Directory.EnumerateFiles(libraries.Folder, $"*ggml-{libraries.Build}.*").FirstOrDefault();
        if (plugin is null)
        {
            return $"there is no ggml-{libraries.Build} plugin in {libraries.Folder}";
        }

        try
        {
            NativeLibrary.Free(NativeLibrary.Load(plugin));
            return null;
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            // .NET's message wraps the loader's own line ("libvulkan.so.1: cannot open shared object file ..."): keep that.
            var lines = e.Message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            return lines.FirstOrDefault(l => l.Contains("cannot open", StringComparison.Ordinal) || l.Contains("not found", StringComparison.Ordinal))
                ?? lines[0];
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
        [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "llama.cpp {Version} loaded from {Folder} ({Build} build); computing on {Compute}; {Devices} device(s)")]
        public static partial void Initialized(ILogger logger, string version, string folder, string build, string compute, int devices);

        [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "{Reason}")]
        public static partial void FellBack(ILogger logger, string reason);

        [LoggerMessage(EventId = 1001, Message = "llama.cpp: {Message}")]
        public static partial void Native(ILogger logger, LogLevel level, string message);
    }
}
