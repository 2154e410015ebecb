namespace Locus.Core.Abstractions;

/// <summary>
/// This device's thermal headroom, for routing: how much of its current local generation speed it can hold over the
/// next stretch of work before heat forces clocks down. Backed by the machine's sensors where it has them, otherwise
/// by a simulation driven by the node's actual load.
/// </summary>
public interface IThermalOutlook
{
    /// <summary>What running local generation at <paramref name="tokensPerSecond"/> for <paramref name="duration"/> would deliver.</summary>
    ThermalForecast Forecast(double tokensPerSecond, TimeSpan duration);
}

/// <summary>A thermal forecast for one stretch of local generation.</summary>
public sealed record ThermalForecast
{
    /// <summary>Mean delivered speed over the stretch as a fraction of the speed asked for (1: no throttling).</summary>
    public required double SpeedFactor { get; init; }

    /// <summary>Junction temperature now, °C (measured or simulated).</summary>
    public required double JunctionC { get; init; }

    /// <summary>The temperature at which the device throttles, °C.</summary>
    public required double LimitC { get; init; }

    /// <summary>When throttling would start within the stretch; null when it would not (or has already).</summary>
    public TimeSpan? TimeToThrottle { get; init; }

    /// <summary>Where the numbers come from, for explanations, e.g. "sensor k10temp Tctl" or "simulated fanless-laptop".</summary>
    public required string Source { get; init; }

    /// <summary>Degrees left before the limit.</summary>
    public double HeadroomC => LimitC - JunctionC;
}
