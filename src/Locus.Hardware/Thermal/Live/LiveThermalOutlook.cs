using Locus.Core.Abstractions;
using Locus.Hardware.Devices;
using Locus.Hardware.Sensors;

namespace Locus.Hardware.Thermal.Live;

/// <summary>
/// This node's thermal outlook for the router. Every second it records whether a local model was generating and moves
/// a simulated die on accordingly; with <paramref name="sensors"/> each forecast starts from the real sensor closest to
/// its throttle point instead, and the simulation only supplies how fast heat builds from there.
/// </summary>
/// <param name="generating">Whether any local model is generating now (the node's actual load).</param>
public sealed class LiveThermalOutlook : IThermalOutlook, IDisposable
{
    private readonly Lock _gate = new();
    private readonly LiveThermalState _state;
    private readonly ThermalEnvelope _envelope;
    private readonly Func<bool> _generating;
    private readonly ThermalSensors? _sensors;
    private readonly ITimer _timer;
    private readonly double _ambientC;
    private readonly double _limitC;

    public LiveThermalOutlook(ThermalEnvelope envelope, DeviceProfile device, Func<bool> generating, TimeProvider time, ThermalSensors? sensors = null, double ambientC = 25)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(time);
        _envelope = envelope;
        _generating = generating ?? throw new ArgumentNullException(nameof(generating));
        _sensors = sensors;
        _ambientC = ambientC;
        _limitC = Math.Min(device.JunctionLimitC.Value, envelope.SettleC ?? double.PositiveInfinity);
        // Generating keeps the package at its sustained envelope: the power model is calibrated so that decode at the
        // fitted bandwidth draws about that (docs/planner.md), whatever the model.
        var busy = device.SustainedWatts.Value;
        _state = new LiveThermalState(envelope, envelope.Power.For(busy).IdleWatts, busy, _limitC - ambientC);
        Device = device;
        _timer = time.CreateTimer(_ => Tick(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public DeviceProfile Device { get; }

    public ThermalEnvelope Envelope => _envelope;

    /// <summary>Simulated junction temperature now, °C.</summary>
    public double JunctionC
    {
        get
        {
            lock (_gate)
            {
                return _ambientC + _state.JunctionRise;
            }
        }
    }

    /// <summary>Moves the simulation on by one second of the node's actual load (the timer calls it).</summary>
    public void Tick()
    {
        var generating = _generating();
        lock (_gate)
        {
            _state.StepOneSecond(generating);
        }
    }

    public ThermalForecast Forecast(double tokensPerSecond, TimeSpan duration)
    {
        var reading = _sensors?.Tightest();
        lock (_gate)
        {
            var (state, junctionC, limitC, source) = reading is null
                ? (_state, _ambientC + _state.JunctionRise, _limitC, $"simulated {_envelope.Id} {Device.Id}")
                : (FromSensor(reading), reading.TemperatureC, reading.LimitC, $"sensor {reading.Source}");
            var (factor, throttleAfter) = state.Forecast(Math.Max(duration.TotalSeconds, 1));
            return new ThermalForecast
            {
                SpeedFactor = factor,
                JunctionC = junctionC,
                LimitC = limitC,
                TimeToThrottle = throttleAfter is { } s ? TimeSpan.FromSeconds(s) : null,
                Source = source,
            };
        }
    }

    /// <summary>
    /// From a real sensor, by superposition: whatever the machine is doing now holds the reading where it is, and
    /// starting to generate adds the envelope's response to the step from idle to full power on top of it, against the
    /// sensor's own headroom. The envelope's resistances need not match this machine's to get the die's fast rise right.
    /// </summary>
    private LiveThermalState FromSensor(SensorReading reading)
    {
        var busy = Device.SustainedWatts.Value;
        return new LiveThermalState(_envelope, 0, busy - _envelope.Power.For(busy).IdleWatts, reading.HeadroomC);
    }

    public void Dispose() => _timer.Dispose();
}
