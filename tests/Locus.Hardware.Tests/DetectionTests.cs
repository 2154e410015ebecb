using Locus.Hardware.Detection;

namespace Locus.Hardware.Tests;

public sealed class DetectionTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("locus-detect-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    [Fact]
    public void Detect_ProcAndSysFiles_ReadsCpuMemoryAndGpus()
    {
        // Two SMT siblings of one core: two logical processors, one physical core.
        Write("proc/cpuinfo", "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD Ryzen 9 7950X\ncpu MHz\t\t: 4500.000\nphysical id\t: 0\ncore id\t\t: 0\nflags\t\t: fpu avx2 avx512f\n\n"
            + "processor\t: 1\nmodel name\t: AMD Ryzen 9 7950X\nphysical id\t: 0\ncore id\t\t: 0\n");
        Write("proc/meminfo", "MemTotal:       65536000 kB\nMemFree:  1 kB\n");
        Write("sys/class/drm/card0/device/vendor", "0x10de\n");
        Write("sys/class/drm/card0/device/device", "0x2684\n");
        Write("sys/class/drm/card0/device/uevent", "DRIVER=nvidia\nPCI_ID=10DE:2684\n");
        Write("sys/class/drm/card0-HDMI-A-1/status", "connected\n");
        var info = MachineDetector.Detect(_root);
        Assert.Equal("AMD Ryzen 9 7950X", info.CpuModel);
        Assert.Equal(2, info.LogicalCores);
        Assert.Equal(1, info.PhysicalCores);
        Assert.Equal("AuthenticAMD", info.Vendor);
        Assert.Equal(4500, info.CpuMhz);
        Assert.Equal(65536000L * 1024, info.MemoryBytes);
        Assert.Equal("card0: NVIDIA 0x2684 (driver nvidia)", Assert.Single(info.Gpus));
        Assert.Contains("avx512f", info.CpuFlags);
    }

    [Fact]
    public void Detect_NothingReadable_GivesUnknownCpuAndNoGpus()
    {
        var info = MachineDetector.Detect(_root);
        Assert.Equal("unknown CPU", info.CpuModel);
        Assert.Empty(info.Gpus);
        Assert.Equal(0, info.MemoryBytes);
    }

    [Theory]
    [InlineData("GenuineIntel", 16)]
    [InlineData("AuthenticAMD", 8)] // Zen 4 runs AVX-512 on 256-bit datapaths
    public void Profile_Avx512Machine_ComputeFromPhysicalCoresClockAndLanes(string vendor, int lanes)
    {
        var info = new MachineInfo("cpu", 32, 16, vendor, 3000, 64L << 30, [], new HashSet<string> { "avx2", "avx512f" });
        var profile = ThisMachine.Profile(info, new BandwidthMeasurement(50, 1 << 29, 16, 5));
        Assert.Equal(16 * 3.0 * 2 * lanes * 2 / 1000, profile.Tflops.Value, 1e-9);
        Assert.True(profile.Tflops.IsAssumption);
        Assert.Equal(50, profile.BandwidthGbs.Value);
        Assert.Equal(64, profile.MemoryGib.Value, 1e-9);
    }

    [LinuxFact]
    public void Detect_ThisLinuxMachine_FindsCoresAndMemory()
    {
        var info = MachineDetector.Detect();
        Assert.True(info.LogicalCores >= 1);
        Assert.True(info.MemoryBytes > 256L << 20);
    }

    [Fact]
    public void Measure_SmallBudget_ReportsPositiveBandwidthFromSeveralPasses()
    {
        var m = BandwidthProbe.Measure(TimeSpan.FromMilliseconds(200), bufferBytes: 64L << 20, threads: 2);
        Assert.True(m.GigabytesPerSecond > 0.1, $"{m.GigabytesPerSecond} GB/s");
        Assert.True(m.Passes >= 3);
        Assert.Equal(2, m.Threads);
        Assert.InRange(m.BufferBytes, 63L << 20, 64L << 20);
    }
}

/// <summary>A fact that reads /proc, which only Linux has.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "reads /proc, which only Linux has";
        }
    }
}
