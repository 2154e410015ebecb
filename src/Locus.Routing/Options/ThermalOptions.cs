namespace Locus.Routing.Options;

/// <summary>Where the router's thermal headroom comes from.</summary>
public enum ThermalSource
{
    /// <summary>The machine's sensors when it has readable ones, otherwise the simulation.</summary>
    Auto,

    /// <summary>Only sensors; no thermal signal on a machine without them.</summary>
    Sensors,

    /// <summary>Only the simulation, driven by this node's actual load (useful to try policies, and on machines that hide sensors).</summary>
    Simulation,

    /// <summary>No thermal signal.</summary>
    Off,
}

/// <summary>
/// <c>routing.thermal</c>: prefer another target when the local device would throttle below the speed a request needs.
/// The needed speed is <see cref="MinTokensPerSecond"/>, and, with a latency budget, whatever meets the budget.
/// </summary>
public sealed record ThermalOptions
{
    public ThermalSource Source { get; init; } = ThermalSource.Auto;

    /// <summary>The simulation's cooling: a thermal preset id (fanless-laptop, cooled-laptop, desktop-gpu, datacenter-gpu).</summary>
    public string? Envelope { get; init; }

    /// <summary>The simulation's silicon: a device profile id; null: the envelope's default.</summary>
    public string? Device { get; init; }

    /// <summary>A local answer forecast to run slower than this (tokens/s), once throttled, goes elsewhere if it can.</summary>
    public double? MinTokensPerSecond { get; init; }
}
