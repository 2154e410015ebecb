namespace Locus.Hardware.Thermal;

/// <summary>The simulation's answer: the series over time and the figures a person asks for.</summary>
/// <param name="Request">What was simulated.</param>
/// <param name="Load">Roofline speed and per-token bytes and FLOPs.</param>
/// <param name="TargetTokensPerSecond">The speed asked for (the roofline maximum when none was given).</param>
/// <param name="PowerCapWatts">Package power cap (the device's sustained watts).</param>
/// <param name="JunctionLimitC">Throttle point (the device's junction limit).</param>
/// <param name="SetpointC">Where the controller holds the junction after the trip.</param>
/// <param name="Trace">Per-step series.</param>
/// <param name="TimeToThrottleSeconds">When the junction first reached its limit; null if it never did.</param>
/// <param name="SustainedTokensPerSecond">Mean generation speed over the last 10% of the run.</param>
/// <param name="Binding">The limit binding most often over the last 10% of the run.</param>
/// <param name="JoulesPerToken">All energy in (idle included) ÷ tokens generated.</param>
/// <param name="PeakJunctionC">Highest junction temperature reached.</param>
/// <param name="Energy">The heat ledger (energy balance).</param>
public sealed record ThermalResult(
    ThermalRequest Request,
    InferenceLoad Load,
    double TargetTokensPerSecond,
    double PowerCapWatts,
    double JunctionLimitC,
    double SetpointC,
    ThermalTrace Trace,
    double? TimeToThrottleSeconds,
    double SustainedTokensPerSecond,
    BindingLimit Binding,
    double JoulesPerToken,
    double PeakJunctionC,
    EnergyLedger Energy)
{
    /// <summary>Whether the throttle had tripped by <paramref name="step"/>.</summary>
    public bool ThrottledAt(int step) => TimeToThrottleSeconds is { } t && Trace.TimeAt(step) >= t - 1e-9;
}
