using System.Globalization;
using Locus.Core.Configuration;

namespace Locus.Hardware.Devices;

/// <summary>One <c>devices:</c> entry read key by key; unknown keys are errors with a suggestion.</summary>
internal sealed class DeviceEntryBinder(ConfigMap map, ConfigDocument document)
{
    /// <summary>The profile, or null when any of its values is missing or wrong (each such problem is recorded).</summary>
    public DeviceProfile? Bind()
    {
        var before = document.Errors.Count;
        var id = Text("id", required: true);
        var kind = Enum<MemoryKind>("memory_kind") ?? MemoryKind.Unified;
        var profile = new DeviceProfile
        {
            Id = id ?? "",
            Name = Text("name", required: false) ?? id ?? "",
            MemoryKind = kind,
            FormFactor = Enum<FormFactor>("form_factor") ?? FormFactor.Desktop,
            MemoryGib = Number("memory_gib", 0.125, 1 << 20, required: true)!,
            BandwidthGbs = Number("bandwidth_gbs", 0.1, 1e6, required: true)!,
            Tflops = Number("tflops", 0.001, 1e6, required: true)!,
            GpuCores = Number("gpu_cores", 1, 1e5, required: false),
            HostMemoryGib = Number("host_memory_gib", 0, 1 << 24, required: false),
            HostBandwidthGbs = Number("host_bandwidth_gbs", 0.1, 1e6, required: false),
            SustainedWatts = Number("sustained_watts", 0.1, 1e5, required: false)
                ?? Sourced.Assumed(kind == MemoryKind.Discrete ? 300 : 30, "not given in the config; a placeholder for the thermal model"),
            JunctionLimitC = Number("junction_limit_c", 40, 150, required: false)
                ?? Sourced.Assumed(95, "not given in the config; a common silicon throttle point"),
        };
        map.RejectUnknown();
        return document.Errors.Count == before ? profile : null;
    }

    /// <summary>A value written out: an empty string is not a value (unlike most keys, where it reads as text).</summary>
    private string? Text(string key, bool required)
    {
        var before = document.Errors.Count;
        var text = map.Text(key);
        if (document.Errors.Count != before)
        {
            return null; // not a single value, already reported
        }

        switch (text)
        {
            case null when required:
                map.Fail(key, "is required");
                return null;
            case "":
                map.FailValue(key, "expected a single value");
                return null;
            default:
                return text;
        }
    }

    private Sourced? Number(string key, double min, double max, bool required)
    {
        var text = Text(key, required);
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return Sourced.Given(value, $"your config ({map.Location(key)})");
        }

        map.FailValue(key, $"expected a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, got \"{text}\"");
        return null;
    }

    private T? Enum<T>(string key) where T : struct, System.Enum
    {
        var text = Text(key, required: false);
        if (text is null)
        {
            return null;
        }

        if (DeviceNames.ParseEnum<T>(text) is { } value)
        {
            return value;
        }

        map.FailValue(key, $"expected one of {DeviceNames.Allowed<T>()}, got \"{text}\"");
        return null;
    }
}
