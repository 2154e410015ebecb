namespace Locus.Hardware.Sensors;

/// <summary>
/// <c>/sys/class/thermal/thermal_zone*</c>: each zone's <c>type</c>, <c>temp</c> and trip points. The first
/// <c>passive</c> trip is where the kernel starts cooling by slowing clocks; without one, <c>critical</c> − 10 °C.
/// </summary>
internal static class ThermalZones
{
    public static IEnumerable<SensorReading> Read(string sysRoot)
    {
        foreach (var zone in SysfsText.Directories(Path.Combine(sysRoot, "class", "thermal"), "thermal_zone"))
        {
            if (SysfsText.ReadMilliCelsius(Path.Combine(zone, "temp")) is not { } temperature)
            {
                continue;
            }

            var type = SysfsText.Read(Path.Combine(zone, "type")) ?? "unknown";
            if (Limit(zone) is { } limit)
            {
                yield return new SensorReading($"{Path.GetFileName(zone)} {type}", temperature, limit);
            }
        }
    }

    private static double? Limit(string zone)
    {
        double? passive = null, critical = null;
        for (var i = 0; i < 32; i++)
        {
            var kind = SysfsText.Read(Path.Combine(zone, $"trip_point_{i}_type"));
            if (kind is null)
            {
                break;
            }

            var at = SysfsText.ReadMilliCelsius(Path.Combine(zone, $"trip_point_{i}_temp"));
            if (at is not > 0)
            {
                continue;
            }

            if (kind == "passive")
            {
                passive = passive is null ? at : Math.Min(passive.Value, at.Value);
            }
            else if (kind is "critical" or "hot")
            {
                critical = critical is null ? at : Math.Min(critical.Value, at.Value);
            }
        }

        return passive ?? critical - 10;
    }
}
