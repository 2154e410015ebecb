namespace Locus.Hardware.Thermal;

/// <summary>
/// Power of inference: P = P_idle + E_byte × bytes moved per second + E_flop × FLOPs per second. Decode moves the
/// weights and the KV cache read once per token and does about 2 FLOP per weight, so energy per generated token is
/// E_byte × bytes per token + E_flop × FLOPs per token and power is linear in tokens/s. The constants are effective
/// whole-package figures (memory, fabric, caches, dequantization, the CPU threads driving llama.cpp), calibrated per
/// envelope so that decode at full bandwidth lands near the device's sustained power envelope (docs/planner.md).
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
