namespace Locus.Hardware.Sensors;

/// <summary>One temperature sensor next to the limit the kernel (or the chip) throttles at.</summary>
/// <param name="Source">Where it was read, e.g. <c>hwmon k10temp Tctl</c> or <c>thermal_zone0 x86_pkg_temp</c>.</param>
/// <param name="TemperatureC">The reading, °C.</param>
/// <param name="LimitC">The throttle point, °C: a passive trip point, else the sensor's max, else critical − 10 °C.</param>
public sealed record SensorReading(string Source, double TemperatureC, double LimitC)
{
    public double HeadroomC => LimitC - TemperatureC;
}
