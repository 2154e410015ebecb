namespace Locus.Hardware.Sensors;

/// <summary>
/// This machine's temperature sensors (Linux sysfs). The one that matters for routing is the one closest to its
/// throttle point: whichever part throttles first slows generation.
/// </summary>
public sealed class ThermalSensors(string sysRoot = "/sys")
{
    public IReadOnlyList<SensorReading> ReadAll() => [.. HwmonSensors.Read(sysRoot), .. ThermalZones.Read(sysRoot)];

    /// <summary>The sensor with the least headroom, or null when the machine shows none (containers, most VMs).</summary>
    public SensorReading? Tightest() => ReadAll().MinBy(r => r.HeadroomC);
}
