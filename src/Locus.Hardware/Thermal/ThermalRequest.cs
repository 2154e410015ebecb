using Locus.Hardware.Devices;
using Locus.Hardware.Models;

namespace Locus.Hardware.Thermal;

/// <summary>One thermal simulation: a model running on a device in an envelope, asked for a speed over a duration.</summary>
/// <param name="Envelope">Form factor (network, power model, settle temperature).</param>
/// <param name="Device">The silicon: bandwidth and compute for the roofline, sustained watts (power cap), junction limit.</param>
/// <param name="Model">The model's shape (bytes and FLOPs per token).</param>
public sealed record ThermalRequest(ThermalEnvelope Envelope, DeviceProfile Device, ModelShape Model)
{
    /// <summary>Tokens/s asked for while generating; null for as fast as the device goes.</summary>
    public double? TargetTokensPerSecond { get; init; }

    /// <summary>Share of the time spent generating (the rest idles at the idle power), in (0, 1].</summary>
    public double Duty { get; init; } = 1;

    public double AmbientC { get; init; } = 25;

    public double DurationSeconds { get; init; } = 30 * 60;

    public double StepSeconds { get; init; } = 0.1;

    /// <summary>Context length (memory fit).</summary>
    public long Context { get; init; } = 4096;

    /// <summary>KV cache depth at which decode speed and bytes per token are taken (as <c>locus plan</c>'s prompt tokens).</summary>
    public long Depth { get; init; } = 512;

    /// <summary>Number of simulation steps.</summary>
    public int Steps => (int)Math.Ceiling((DurationSeconds / StepSeconds) - 1e-9);
}
