namespace Locus.Hardware.Sensors;

/// <summary>
/// <c>/sys/class/hwmon/hwmon*</c>: temperature inputs of the chips that run inference (CPU packages, GPUs, SoCs).
/// Drives, batteries and network cards are skipped: their heat does not slow generation. Limit: <c>tempN_max</c>,
/// else <c>tempN_crit</c> − 10 °C; an input with neither is skipped.
/// </summary>
internal static class HwmonSensors
{
    // Drivers whose temperatures are the compute silicon's.
    private static readonly HashSet<string> ComputeChips = new(StringComparer.Ordinal)
    {
        "coretemp", "k10temp", "zenpower", "amdgpu", "nouveau", "cpu_thermal", "soc_thermal", "gpu_thermal", "apple_smc",
    };

    public static IEnumerable<SensorReading> Read(string sysRoot)
    {
        foreach (var chip in SysfsText.Directories(Path.Combine(sysRoot, "class", "hwmon"), "hwmon"))
        {
            var name = SysfsText.Read(Path.Combine(chip, "name"));
            if (name is null || !ComputeChips.Contains(name))
            {
                continue;
            }

            for (var i = 1; i < 64; i++)
            {
                var prefix = Path.Combine(chip, $"temp{i}_");
                if (SysfsText.ReadMilliCelsius(prefix + "input") is not { } temperature)
                {
                    continue;
                }

                var limit = SysfsText.ReadMilliCelsius(prefix + "max") is > 0 and var max ? max : SysfsText.ReadMilliCelsius(prefix + "crit") - 10;
                if (limit is not > 0)
                {
                    continue;
                }

                var label = SysfsText.Read(prefix + "label") ?? $"temp{i}";
                yield return new SensorReading($"hwmon {name} {label}", temperature, limit.Value);
            }
        }
    }
}
