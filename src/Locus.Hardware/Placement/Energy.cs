using Locus.Hardware.Planning;
using Locus.Hardware.Thermal;

namespace Locus.Hardware.Placement;

/// <summary>Energy of inference, for the economics.</summary>
public static class Energy
{
    public const double JoulesPerKwh = 3.6e6;

    /// <summary>Joules per token at a constant power: <paramref name="watts"/> ÷ <paramref name="tokensPerSecond"/>.</summary>
    public static double EnergyPerToken(double watts, double tokensPerSecond) =>
        tokensPerSecond > 0 ? watts / tokensPerSecond : double.PositiveInfinity;

    /// <summary>
    /// Package power while generating at the planned speed, from the thermal model's power model for the device's form
    /// factor (idle + energy per byte streamed + energy per FLOP, docs/planner.md "Thermal simulation"), capped at the
    /// device's sustained watts. Decode of a model that leaves the roofline's bandwidth unused (per-layer overhead,
    /// small models) draws less than the envelope; prompt processing keeps the compute busy and is taken at the cap.
    /// </summary>
    public static double DecodeWatts(PlanRequest request, double decodeTokensPerSecond)
    {
        ArgumentNullException.ThrowIfNull(request);
        var cap = request.Device.SustainedWatts.Value;
        var power = ThermalInputs.EnvelopeFor(request.Device).Power.For(cap);
        var (bytes, flops) = InferenceLoad.PerToken(request.Model, request.PromptTokens);
        return Math.Min(cap, power.Watts(decodeTokensPerSecond, power.JoulesPerToken(bytes, flops), duty: 1));
    }
}
