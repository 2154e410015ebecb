namespace Locus.Hardware.Thermal;

/// <summary>
/// Power of inference: P = P_idle + E_byte × bytes moved per second + E_flop × FLOPs per second. Decode moves the
/// weights and the KV cache read once per token and does about 2 FLOP per weight, so energy per generated token is
/// E_byte × bytes per token + E_flop × FLOPs per token and power is linear in tokens/s. The constants are effective
/// whole-package figures (memory, fabric, caches, dequantization, the CPU threads driving llama.cpp); see
/// <see cref="PowerConstants"/> for how they are set.
/// </summary>
/// <param name="IdleWatts">Package power while a model is loaded but not generating, W.</param>
/// <param name="JoulesPerByte">Energy per byte streamed from memory, J.</param>
/// <param name="JoulesPerFlop">Energy per floating-point operation, J.</param>
public sealed record PowerModel(double IdleWatts, double JoulesPerByte, double JoulesPerFlop)
{
    /// <summary>Dynamic energy of one generated token, J (idle power not included).</summary>
    public double JoulesPerToken(double bytesPerToken, double flopsPerToken) => (JoulesPerByte * bytesPerToken) + (JoulesPerFlop * flopsPerToken);

    /// <summary>Package power while generating <paramref name="tokensPerSecond"/> for a <paramref name="duty"/> share of the time.</summary>
    public double Watts(double tokensPerSecond, double joulesPerToken, double duty) => IdleWatts + (duty * tokensPerSecond * joulesPerToken);

    /// <summary>The generation speed a power budget allows (the inverse of <see cref="Watts"/>), never negative.</summary>
    public double TokensPerSecondWithin(double watts, double joulesPerToken, double duty) =>
        Math.Max(0, (watts - IdleWatts) / (duty * joulesPerToken));
}

/// <summary>
/// An envelope's power constants. Idle power belongs to the silicon, so it is a share of the device's sustained
/// watts (an M2 idles near 2.5 W, an H100 near 90 W); energy per byte is calibrated so that streaming at the fitted
/// decode bandwidth (efficiency × peak) draws about the sustained envelope (docs/planner.md); energy per FLOP is a
/// small assumed term (decode does ~4 FLOP per Q4 byte).
/// </summary>
/// <param name="IdleShare">Idle power as a share of the device's sustained watts.</param>
/// <param name="JoulesPerByte">Energy per byte streamed, J.</param>
/// <param name="JoulesPerFlop">Energy per FLOP, J.</param>
public sealed record PowerConstants(double IdleShare, double JoulesPerByte, double JoulesPerFlop)
{
    public PowerModel For(double sustainedWatts) => new(IdleShare * sustainedWatts, JoulesPerByte, JoulesPerFlop);
}
