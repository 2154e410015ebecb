using Locus.Hardware.Sensors;

namespace Locus.Hardware.Tests.Sensors;

public sealed class RaplEnergyTests
{
    [Fact]
    public void SamplePowerW_TwoReadings_GivesMeanPowerAndHandlesWrap()
    {
        using var sys = new SysfsTree()
            .Write("class/powercap/intel-rapl:0/energy_uj", "262000000")
            .Write("class/powercap/intel-rapl:0/max_energy_range_uj", "262143328850")
            .Write("class/powercap/intel-rapl:0:0/energy_uj", "1"); // a subzone (core): not counted again
        var time = new SteppedTime();
        var rapl = new RaplEnergy(sys.Root);

        Assert.Null(rapl.SamplePowerW(time));
        time.Advance(TimeSpan.FromSeconds(2));
        sys.Write("class/powercap/intel-rapl:0/energy_uj", "302000000");
        Assert.Equal(20.0, rapl.SamplePowerW(time)!.Value, 6);

        // The counter wraps at max_energy_range_uj: 10 J before the wrap plus 20 J after, over 1 s.
        sys.Write("class/powercap/intel-rapl:0/energy_uj", "262133328850");
        rapl.SamplePowerW(time);
        time.Advance(TimeSpan.FromSeconds(1));
        sys.Write("class/powercap/intel-rapl:0/energy_uj", "20000000");
        Assert.Equal(30.0, rapl.SamplePowerW(time)!.Value, 6);
    }

    private sealed class SteppedTime : TimeProvider
    {
        private long _ticks;

        public void Advance(TimeSpan by) => _ticks += (long)(by.TotalSeconds * TimestampFrequency);

        public override long GetTimestamp() => _ticks;

        public override long TimestampFrequency => 1_000_000;
    }
}
