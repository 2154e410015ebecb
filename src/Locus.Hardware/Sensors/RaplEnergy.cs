namespace Locus.Hardware.Sensors;

/// <summary>
/// Package energy from RAPL (<c>/sys/class/powercap/intel-rapl:N/energy_uj</c>, also on AMD): two readings give the
/// mean power between them. The counter wraps at <c>max_energy_range_uj</c>.
/// </summary>
internal sealed class RaplEnergy
{
    private readonly string[] _packages;
    private (long[] Microjoules, long Ticks)? _last;

    public RaplEnergy(string sysRoot)
    {
        _packages = [.. SysfsText.Directories(Path.Combine(sysRoot, "class", "powercap"), "intel-rapl:")
            .Where(d => Path.GetFileName(d).Count(c => c == ':') == 1 && File.Exists(Path.Combine(d, "energy_uj")))];
    }

    public bool Available => _packages.Length > 0;

    /// <summary>Mean package power since the previous call, W; null on the first call or without RAPL.</summary>
    public double? SamplePowerW(TimeProvider time)
    {
        if (!Available)
        {
            return null;
        }

        var now = time.GetTimestamp();
        var energy = _packages.Select(p => SysfsText.ReadLong(Path.Combine(p, "energy_uj")) ?? 0).ToArray();
        var previous = _last;
        _last = (energy, now);
        if (previous is not { } last)
        {
            return null;
        }

        var seconds = time.GetElapsedTime(last.Ticks, now).TotalSeconds;
        if (seconds <= 0)
        {
            return null;
        }

        double joules = 0;
        for (var i = 0; i < energy.Length; i++)
        {
            var delta = energy[i] - last.Microjoules[i];
            if (delta < 0)
            {
                delta += SysfsText.ReadLong(Path.Combine(_packages[i], "max_energy_range_uj")) ?? 0;
            }

            joules += delta / 1e6;
        }

        return joules / seconds;
    }
}
