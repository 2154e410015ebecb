namespace Locus.Hardware.Placement;

/// <summary>Energy of inference, for the economics and the ledger's estimates.</summary>
public static class Energy
{
    public const double JoulesPerKwh = 3.6e6;

    /// <summary>
    /// Joules per token: the device's power while it works ÷ the tokens/s the roofline predicts. Today the power is the
    /// profile's sustained envelope (an assumption for most devices); the thermal model's power model, which grows
    /// with memory traffic and compute per token, is meant to replace this one function.
    /// </summary>
    public static double EnergyPerToken(double watts, double tokensPerSecond) =>
        tokensPerSecond > 0 ? watts / tokensPerSecond : double.PositiveInfinity;
}
