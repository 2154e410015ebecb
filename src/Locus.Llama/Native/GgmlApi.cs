using System.Runtime.InteropServices;

namespace Locus.Llama.Native;

/// <summary>The few ggml entry points Locus needs: backend plugin loading and the persistent CPU thread pool.</summary>
internal static unsafe partial class GgmlApi
{
    private const int DeviceTypeCpu = 0;
    private const int DeviceTypeGpu = 1;
    private const int DeviceTypeIntegratedGpu = 2;

    [LibraryImport(NativeLibraryNames.Ggml, StringMarshalling = StringMarshalling.Utf8)]
    private static partial void ggml_backend_load_all_from_path(string dirPath);

    [LibraryImport(NativeLibraryNames.Ggml)]
    private static partial nuint ggml_backend_dev_count();

    [LibraryImport(NativeLibraryNames.Ggml)]
    private static partial IntPtr ggml_backend_dev_by_type(int type);

    [LibraryImport(NativeLibraryNames.Ggml)]
    private static partial IntPtr ggml_backend_dev_get(nuint index);

    [LibraryImport(NativeLibraryNames.GgmlBase)]
    private static partial int ggml_backend_dev_type(IntPtr device);

    [LibraryImport(NativeLibraryNames.GgmlBase)]
    private static partial IntPtr ggml_backend_dev_name(IntPtr device);

    [LibraryImport(NativeLibraryNames.GgmlBase)]
    private static partial IntPtr ggml_backend_dev_backend_reg(IntPtr device);

    [LibraryImport(NativeLibraryNames.GgmlBase)]
    private static partial IntPtr ggml_backend_dev_description(IntPtr device);

    [LibraryImport(NativeLibraryNames.GgmlBase, StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr ggml_backend_reg_get_proc_address(IntPtr reg, string name);

    [LibraryImport(NativeLibraryNames.GgmlBase)]
    private static partial GgmlThreadpoolParams ggml_threadpool_params_default(int nThreads);

    /// <summary>Loads every backend plugin (libggml-cpu-*, GPU ones) in <paramref name="folder"/>; returns the device count.</summary>
    public static int LoadBackends(string folder)
    {
        // ggml_backend_load_all() would search beside /proc/self/exe, i.e. the dotnet host: name the folder.
        ggml_backend_load_all_from_path(folder);
        return (int)ggml_backend_dev_count();
    }

    /// <summary>Every device the loaded backend plugins registered.</summary>
    public static IReadOnlyList<GgmlDevice> Devices()
    {
        var devices = new List<GgmlDevice>();
        var count = ggml_backend_dev_count();
        for (nuint i = 0; i < count; i++)
        {
            var device = ggml_backend_dev_get(i);
            var type = ggml_backend_dev_type(device);
            devices.Add(new GgmlDevice(Marshal.PtrToStringUTF8(ggml_backend_dev_name(device)) ?? "?",
                Marshal.PtrToStringUTF8(ggml_backend_dev_description(device)) ?? "", type is DeviceTypeGpu or DeviceTypeIntegratedGpu));
        }

        return devices;
    }

    public static string? CpuDescription()
    {
        var device = ggml_backend_dev_by_type(DeviceTypeCpu);
        return device == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(ggml_backend_dev_description(device));
    }

    /// <summary>
    /// A persistent pool of <paramref name="threads"/> compute threads, as llama-bench uses: without one, ggml starts and
    /// joins its workers on every decode, which costs 13-16% of generation speed on small models.
    /// </summary>
    public static SafeThreadpoolHandle? CreateThreadpool(int threads)
    {
        var device = ggml_backend_dev_by_type(DeviceTypeCpu);
        if (device == IntPtr.Zero)
        {
            return null;
        }

        var reg = ggml_backend_dev_backend_reg(device);
        var create = (delegate* unmanaged<GgmlThreadpoolParams*, IntPtr>)ggml_backend_reg_get_proc_address(reg, "ggml_threadpool_new");
        var free = ggml_backend_reg_get_proc_address(reg, "ggml_threadpool_free");
        if (create is null || free == IntPtr.Zero)
        {
            return null;
        }

        var parameters = ggml_threadpool_params_default(threads);
        var pool = create(&parameters);
        return pool == IntPtr.Zero ? null : new SafeThreadpoolHandle(pool, free);
    }
}

/// <summary>A compute device a ggml backend plugin registered.</summary>
internal sealed record GgmlDevice(string Name, string Description, bool IsGpu);
