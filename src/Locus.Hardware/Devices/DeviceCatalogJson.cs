using System.Text.Json;

namespace Locus.Hardware.Devices;

/// <summary>Reads the embedded catalog (devices.json): each value is <c>{ value, source }</c> or <c>{ value, assumption }</c>.</summary>
internal static class DeviceCatalogJson
{
    public static IReadOnlyList<DeviceProfile> Read(Stream json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("devices").EnumerateArray().Select(Profile)];
    }

    private static DeviceProfile Profile(JsonElement e) => new()
    {
        Id = e.GetProperty("id").GetString()!,
        Name = e.GetProperty("name").GetString()!,
        MemoryKind = DeviceNames.ParseEnum<MemoryKind>(e.GetProperty("memory_kind").GetString()!)!.Value,
        FormFactor = DeviceNames.ParseEnum<FormFactor>(e.GetProperty("form_factor").GetString()!)!.Value,
        MemoryGib = Value(e, "memory_gib")!,
        BandwidthGbs = Value(e, "bandwidth_gbs")!,
        Tflops = Value(e, "tflops")!,
        GpuCores = Value(e, "gpu_cores"),
        HostMemoryGib = Value(e, "host_memory_gib"),
        HostBandwidthGbs = Value(e, "host_bandwidth_gbs"),
        SustainedWatts = Value(e, "sustained_watts")!,
        JunctionLimitC = Value(e, "junction_limit_c")!,
    };

    private static Sourced? Value(JsonElement device, string key)
    {
        if (!device.TryGetProperty(key, out var v))
        {
            return null;
        }

        var number = v.GetProperty("value").GetDouble();
        return v.TryGetProperty("source", out var source)
            ? new Sourced(number, source.GetString()!)
            : Sourced.Assumed(number, v.GetProperty("assumption").GetString()!);
    }
}
