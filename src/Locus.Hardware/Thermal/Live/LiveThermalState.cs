namespace Locus.Hardware.Thermal.Live;

/// <summary>
/// The simulated die and heatsink of this node, moved on in one-second steps by what the node actually did: the
/// package at its sustained power while a local model generates, idle power otherwise, and never hotter than the
/// junction limit (the firmware throttles; here that means less power, which is less speed).
/// </summary>
internal sealed class LiveThermalState(ThermalEnvelope envelope, double idleWatts, double busyWatts, double limitRise)
{
    private readonly StepResponse _second = new(envelope.Network, 1.0);

    public double JunctionRise { get; private set; }

    public double SinkRise { get; private set; }

    /// <summary>Share of full speed the last step allowed (1: not throttled).</summary>
    public double LastSpeedFactor { get; private set; } = 1;

    public void StepOneSecond(bool generating)
    {
        var watts = generating ? Allowed(_second, JunctionRise, SinkRise) : idleWatts;
        LastSpeedFactor = generating ? SpeedFactor(watts) : 1;
        var (j, s) = (JunctionRise, SinkRise);
        _second.Advance(ref j, ref s, watts);
        (JunctionRise, SinkRise) = (j, s);
    }

    /// <summary>
    /// Generates flat out from the current state for <paramref name="seconds"/> (without changing it): the mean share of
    /// full speed delivered, and when throttling starts (null: it does not, or already has).
    /// </summary>
    public (double SpeedFactor, double? ThrottleAfterSeconds) Forecast(double seconds)
    {
        const int MaxSteps = 240;
        var steps = Math.Clamp((int)Math.Ceiling(seconds), 1, MaxSteps);
        var step = steps == (int)Math.Ceiling(seconds) ? _second : new StepResponse(envelope.Network, seconds / steps);
        var (j, s) = (JunctionRise, SinkRise);
        var throttledAtStart = LastSpeedFactor < 1;
        double sum = 0;
        double? throttleAt = null;
        for (var i = 0; i < steps; i++)
        {
            var watts = Allowed(step, j, s);
            var factor = SpeedFactor(watts);
            if (factor < 1 && throttleAt is null && !throttledAtStart)
            {
                throttleAt = i * step.StepSeconds;
            }

            sum += factor;
            step.Advance(ref j, ref s, watts);
        }

        return (sum / steps, throttleAt);
    }

    // At most the busy power, and no more than lands the junction exactly on its limit at the end of the step.
    private double Allowed(StepResponse step, double junction, double sink) =>
        Math.Clamp((limitRise - step.FreeJunctionRise(junction, sink)) / step.JunctionRisePerWatt, idleWatts, busyWatts);

    // Power above idle is proportional to speed (PowerModel), so the share of dynamic power is the share of speed.
    private double SpeedFactor(double watts) => busyWatts <= idleWatts ? 1 : Math.Clamp((watts - idleWatts) / (busyWatts - idleWatts), 0, 1);
}
