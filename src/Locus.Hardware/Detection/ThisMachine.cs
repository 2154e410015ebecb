using System.Globalization;
using Locus.Hardware.Devices;

namespace Locus.Hardware.Detection;

/// <summary>A <see cref="DeviceProfile"/> for the machine the planner runs on (CPU inference): detected, and measured.</summary>
public static class ThisMachine
{
    public const string Id = "this";

    public static DeviceProfile Profile(MachineInfo machine, BandwidthMeasurement bandwidth)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(bandwidth);
        var ghz = (machine.CpuMhz ?? 2500) / 1000;
        // FP32 FLOP per cycle per physical core (SMT siblings share the vector units): two FMA pipes × lanes × 2.
        // AVX-512 counts 16 lanes only on Intel; AMD Zen 4 runs it on 256-bit datapaths, so 8 as for AVX2; NEON 4.
        var intel = machine.Vendor == "GenuineIntel";
        var lanes = machine.CpuFlags.Contains("avx512f") && intel ? 16 : machine.CpuFlags.Contains("avx2") || machine.CpuFlags.Contains("avx512f") ? 8 : 4;
        var tflops = machine.PhysicalCores * ghz * 2 * lanes * 2 / 1000;
        var clockNote = machine.CpuMhz is null ? "2.5 GHz assumed (no clock in /proc/cpuinfo)" : $"{ghz.ToString("0.###", CultureInfo.InvariantCulture)} GHz from /proc/cpuinfo";
        return new DeviceProfile
        {
            Id = Id,
            // GPUs are named so a reader sees what the CPU-only plan leaves out.
            Name = $"this machine ({machine.CpuModel}, {machine.LogicalCores} cores{(machine.Gpus.Count == 0 ? "" : "; GPU not modelled: " + string.Join(", ", machine.Gpus))})",
            MemoryKind = MemoryKind.Unified,
            FormFactor = FormFactor.Desktop,
            MemoryGib = new Sourced(machine.MemoryBytes / (1024.0 * 1024 * 1024), "/proc/meminfo MemTotal"),
            BandwidthGbs = new Sourced(bandwidth.GigabytesPerSecond, bandwidth.Describe()),
            Tflops = Sourced.Assumed(tflops,
                $"CPU peak: {machine.PhysicalCores} physical cores × {clockNote} × 2 FMA pipes × {lanes} FP32 lanes × 2; the GPU, if any, is not modelled"),
            SustainedWatts = Sourced.Assumed(65, "no power reading; a typical desktop/server CPU share, placeholder for the thermal model"),
            JunctionLimitC = Sourced.Assumed(95, "no thermal reading; a common CPU throttle point"),
        };
    }
}
