namespace Locus.Hardware.Detection;

/// <summary>What Linux says about this machine.</summary>
/// <param name="CpuModel">/proc/cpuinfo "model name" (or "Hardware"/"Model" on ARM boards).</param>
/// <param name="LogicalCores">Processors listed in /proc/cpuinfo.</param>
/// <param name="PhysicalCores">Distinct (physical id, core id) pairs: SMT siblings share one core's vector units.</param>
/// <param name="Vendor">/proc/cpuinfo vendor_id (GenuineIntel, AuthenticAMD), or empty.</param>
/// <param name="CpuMhz">Current clock from /proc/cpuinfo, when listed.</param>
/// <param name="MemoryBytes">/proc/meminfo MemTotal.</param>
/// <param name="Gpus">GPUs visible under /sys/class/drm (vendor:device ids and driver), possibly none.</param>
/// <param name="CpuFlags">/proc/cpuinfo flags (to tell AVX-512 from AVX2 from NEON).</param>
public sealed record MachineInfo(string CpuModel, int LogicalCores, int PhysicalCores, string Vendor, double? CpuMhz, long MemoryBytes, IReadOnlyList<string> Gpus, IReadOnlySet<string> CpuFlags);
