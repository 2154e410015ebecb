using System.Globalization;
using Locus.Core.Configuration;
using YamlDotNet.RepresentationModel;

namespace Locus.Hardware.Devices;

/// <summary>One list entry read key by key; unknown keys are errors with a suggestion.</summary>
internal sealed class DeviceEntryReader(YamlNode node, string path, string file, List<ConfigurationError> errors)
{
    private static readonly string[] Known =
    [
        "id", "name", "memory_kind", "form_factor", "memory_gib", "bandwidth_gbs", "tflops", "gpu_cores",
        "host_memory_gib", "host_bandwidth_gbs", "sustained_watts", "junction_limit_c",
    ];

    private readonly YamlMappingNode? _map = node as YamlMappingNode;

    public DeviceProfile? Read()
    {
        if (_map is null)
        {
            errors.Add(new ConfigurationError(path, "expected a mapping (id, bandwidth_gbs, memory_gib, tflops, ...)", DeviceConfigReader.At(file, node)));
            return null;
        }

        var before = errors.Count;
        foreach (var (key, _) in _map.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? key.ToString();
            if (!Known.Contains(name))
            {
                var hint = KeySuggestions.Closest(name, Known) is { } s ? $"; did you mean {s}?" : "";
                errors.Add(new ConfigurationError($"{path}.{name}", "unknown key" + hint, DeviceConfigReader.At(file, key)));
            }
        }

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
        return errors.Count == before ? profile : null;
    }

    private YamlNode? Node(string key) =>
        _map!.Children.TryGetValue(new YamlScalarNode(key), out var v) && !DeviceConfigReader.IsNull(v) ? v : null;

    private string? Text(string key, bool required)
    {
        switch (Node(key))
        {
            case YamlScalarNode { Value: { Length: > 0 } value }:
                return value;
            case null when required:
                errors.Add(new ConfigurationError($"{path}.{key}", "is required", DeviceConfigReader.At(file, node)));
                return null;
            case null:
                return null;
            case var other:
                errors.Add(new ConfigurationError($"{path}.{key}", "expected a single value", DeviceConfigReader.At(file, other)));
                return null;
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
            return Sourced.Given(value, $"your config ({DeviceConfigReader.At(file, Node(key)!)})");
        }

        errors.Add(new ConfigurationError($"{path}.{key}",
            $"expected a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, got \"{text}\"", DeviceConfigReader.At(file, Node(key)!)));
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

        errors.Add(new ConfigurationError($"{path}.{key}", $"expected one of {DeviceNames.Allowed<T>()}, got \"{text}\"", DeviceConfigReader.At(file, Node(key)!)));
        return null;
    }
}
