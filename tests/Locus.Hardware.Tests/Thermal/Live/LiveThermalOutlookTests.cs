using Locus.Hardware.Devices;
using Locus.Hardware.Sensors;
using Locus.Hardware.Tests.Sensors;
using Locus.Hardware.Thermal;
using Locus.Hardware.Thermal.Live;

namespace Locus.Hardware.Tests.Thermal.Live;

public sealed class LiveThermalOutlookTests
{
    private static DeviceProfile Device(string id) => DeviceCatalog.BuiltIn.Find(id, out _)!;

    private static LiveThermalOutlook Fanless(Func<bool> generating, ThermalSensors? sensors = null) =>
        new(ThermalEnvelopes.FanlessLaptop, Device("apple-m2"), generating, new ManualTimers(), sensors);

    private static void Run(LiveThermalOutlook outlook, int seconds)
    {
        for (var i = 0; i < seconds; i++)
        {
            outlook.Tick();
        }
    }

    [Fact]
    public void Forecast_ColdDeviceShortAnswer_FullSpeed()
    {
        using var outlook = Fanless(() => false);

        var forecast = outlook.Forecast(20, TimeSpan.FromSeconds(10));

        Assert.Equal(1.0, forecast.SpeedFactor, 9);
        Assert.Null(forecast.TimeToThrottle);
        Assert.Equal(25, forecast.JunctionC, 6);
        Assert.StartsWith("simulated fanless-laptop apple-m2", forecast.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Forecast_ColdDeviceLongAnswer_ThrottlesPartWay()
    {
        // A cold fanless laptop takes minutes to heat its chassis: an hour of flat-out generation throttles part-way.
        using var outlook = Fanless(() => false);

        var forecast = outlook.Forecast(20, TimeSpan.FromHours(1));

        Assert.InRange(forecast.SpeedFactor, 0.2, 0.99);
        Assert.NotNull(forecast.TimeToThrottle);
        Assert.InRange(forecast.TimeToThrottle!.Value.TotalSeconds, 30, 1800);
    }

    [Fact]
    public void Tick_SustainedGeneration_HeatsToTheLimitAndForecastDrops()
    {
        using var outlook = Fanless(() => true);
        var cold = outlook.Forecast(20, TimeSpan.FromSeconds(60)).SpeedFactor;

        Run(outlook, 1800);
        var hot = outlook.Forecast(20, TimeSpan.FromSeconds(60));

        Assert.True(hot.SpeedFactor < cold - 0.1, $"hot {hot.SpeedFactor:0.000} vs cold {cold:0.000}");
        Assert.InRange(hot.JunctionC, 95, 100 + 1e-6); // held at the fanless preset's settle point (100 °C)
        Assert.Null(hot.TimeToThrottle); // already throttling
    }

    [Fact]
    public void Tick_IdleAfterLoad_CoolsAndRecovers()
    {
        var generating = true;
        using var outlook = Fanless(() => generating);
        Run(outlook, 1800);
        var hot = outlook.JunctionC;

        generating = false;
        Run(outlook, 3600);

        Assert.True(outlook.JunctionC < hot - 40, $"{outlook.JunctionC:0.0} °C after an idle hour, from {hot:0.0} °C");
        Assert.Equal(1.0, outlook.Forecast(20, TimeSpan.FromSeconds(10)).SpeedFactor, 6);
    }

    [Fact]
    public void Forecast_DoesNotMoveTheState()
    {
        using var outlook = Fanless(() => true);
        Run(outlook, 120);
        var before = outlook.JunctionC;

        outlook.Forecast(20, TimeSpan.FromHours(1));

        Assert.Equal(before, outlook.JunctionC);
    }

    [Fact]
    public void Forecast_DatacenterEnvelope_HoldsFullSpeedWhereFanlessThrottles()
    {
        using var fanless = Fanless(() => true);
        using var datacenter = new LiveThermalOutlook(ThermalEnvelopes.DatacenterGpu, Device(ThermalEnvelopes.DatacenterGpu.DefaultDevice), () => true, new ManualTimers());
        Run(fanless, 1800);
        Run(datacenter, 1800);

        Assert.True(fanless.Forecast(20, TimeSpan.FromMinutes(5)).SpeedFactor < 0.9);
        Assert.Equal(1.0, datacenter.Forecast(20, TimeSpan.FromMinutes(5)).SpeedFactor, 6);
    }

    [Fact]
    public void Forecast_WithSensors_StartsFromTheHottestSensorAndItsLimit()
    {
        using var sys = new SysfsTree()
            .Write("class/hwmon/hwmon0/name", "coretemp")
            .Write("class/hwmon/hwmon0/temp1_label", "Package id 0")
            .Write("class/hwmon/hwmon0/temp1_input", "94000")
            .Write("class/hwmon/hwmon0/temp1_max", "95000");
        using var outlook = Fanless(() => false, new ThermalSensors(sys.Root));

        var hot = outlook.Forecast(20, TimeSpan.FromSeconds(60));
        sys.Write("class/hwmon/hwmon0/temp1_input", "45000");
        var cool = outlook.Forecast(20, TimeSpan.FromSeconds(10));

        Assert.Equal(("sensor hwmon coretemp Package id 0", 94.0, 95.0), (hot.Source, hot.JunctionC, hot.LimitC));
        Assert.True(hot.SpeedFactor < 0.9, $"{hot.SpeedFactor:0.000}");
        Assert.Equal(1.0, cool.SpeedFactor, 6);
    }
}
