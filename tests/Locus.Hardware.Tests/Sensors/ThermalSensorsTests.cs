using Locus.Hardware.Sensors;

namespace Locus.Hardware.Tests.Sensors;

public sealed class ThermalSensorsTests
{
    [Fact]
    public void ReadAll_ThermalZoneWithPassiveTrip_UsesPassiveTripAsLimit()
    {
        using var sys = new SysfsTree()
            .Write("class/thermal/thermal_zone0/type", "x86_pkg_temp")
            .Write("class/thermal/thermal_zone0/temp", "71500")
            .Write("class/thermal/thermal_zone0/trip_point_0_type", "critical")
            .Write("class/thermal/thermal_zone0/trip_point_0_temp", "105000")
            .Write("class/thermal/thermal_zone0/trip_point_1_type", "passive")
            .Write("class/thermal/thermal_zone0/trip_point_1_temp", "95000");

        var reading = Assert.Single(new ThermalSensors(sys.Root).ReadAll());

        Assert.Equal(new SensorReading("thermal_zone0 x86_pkg_temp", 71.5, 95), reading);
    }

    [Fact]
    public void ReadAll_ZoneWithOnlyCriticalTrip_LimitIsTenBelowCritical()
    {
        using var sys = new SysfsTree()
            .Write("class/thermal/thermal_zone3/type", "cpu-thermal")
            .Write("class/thermal/thermal_zone3/temp", "60000")
            .Write("class/thermal/thermal_zone3/trip_point_0_type", "critical")
            .Write("class/thermal/thermal_zone3/trip_point_0_temp", "110000");

        Assert.Equal(100, Assert.Single(new ThermalSensors(sys.Root).ReadAll()).LimitC);
    }

    [Fact]
    public void ReadAll_Hwmon_ReadsComputeChipsAndSkipsDrives()
    {
        using var sys = new SysfsTree()
            .Write("class/hwmon/hwmon0/name", "nvme")
            .Write("class/hwmon/hwmon0/temp1_input", "45000")
            .Write("class/hwmon/hwmon0/temp1_crit", "84850")
            .Write("class/hwmon/hwmon1/name", "k10temp")
            .Write("class/hwmon/hwmon1/temp1_input", "88250")
            .Write("class/hwmon/hwmon1/temp1_label", "Tctl")
            .Write("class/hwmon/hwmon1/temp1_crit", "100000")
            .Write("class/hwmon/hwmon2/name", "amdgpu")
            .Write("class/hwmon/hwmon2/temp2_input", "70000")
            .Write("class/hwmon/hwmon2/temp2_label", "junction")
            .Write("class/hwmon/hwmon2/temp2_max", "110000");

        var readings = new ThermalSensors(sys.Root).ReadAll();

        Assert.Equal(["hwmon k10temp Tctl", "hwmon amdgpu junction"], readings.Select(r => r.Source));
        Assert.Equal([90.0, 110.0], readings.Select(r => r.LimitC));
    }

    [Fact]
    public void Tightest_SeveralSensors_PicksLeastHeadroom()
    {
        using var sys = new SysfsTree()
            .Write("class/hwmon/hwmon1/name", "coretemp")
            .Write("class/hwmon/hwmon1/temp1_input", "80000")
            .Write("class/hwmon/hwmon1/temp1_max", "100000")
            .Write("class/hwmon/hwmon2/name", "amdgpu")
            .Write("class/hwmon/hwmon2/temp1_input", "95000")
            .Write("class/hwmon/hwmon2/temp1_max", "105000");

        Assert.Equal("hwmon amdgpu temp1", new ThermalSensors(sys.Root).Tightest()?.Source);
    }

    [Fact]
    public void Tightest_NoSensors_IsNull()
    {
        using var sys = new SysfsTree();
        Assert.Null(new ThermalSensors(sys.Root).Tightest());
    }

    [Fact]
    public void ReadAll_GarbageValues_AreSkippedNotThrown()
    {
        using var sys = new SysfsTree()
            .Write("class/thermal/thermal_zone0/type", "acpitz")
            .Write("class/thermal/thermal_zone0/temp", "n/a")
            .Write("class/hwmon/hwmon0/name", "coretemp")
            .Write("class/hwmon/hwmon0/temp1_input", "70000");

        Assert.Empty(new ThermalSensors(sys.Root).ReadAll());
    }
}
