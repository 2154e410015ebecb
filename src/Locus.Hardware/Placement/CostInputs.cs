namespace Locus.Hardware.Placement;

/// <summary>A number used in the economics, with where it came from (the caller, or an assumption and why).</summary>
public sealed record Assumed(double Value, string Note, bool IsAssumption)
{
    public static Assumed Given(double value, string flag) => new(value, flag, false) { FromCaller = true };

    /// <summary>The caller passed this value (a flag or query parameter), rather than it being a default.</summary>
    public bool FromCaller { get; init; }

    public static Assumed Default(double value, string why) => new(value, why, true);
}

/// <summary>Everything the monthly cost comparison needs. Prices in USD; tokens per month.</summary>
/// <param name="MonthlyTokens">Input plus output tokens per month.</param>
/// <param name="OutputShare">Share of <paramref name="MonthlyTokens"/> that is generated (output) tokens.</param>
/// <param name="CloudUsdPerMInput">Cloud price per million input tokens.</param>
/// <param name="CloudUsdPerMOutput">Cloud price per million output tokens.</param>
/// <param name="HardwareUsd">Price of the local hardware.</param>
/// <param name="AmortizeMonths">Months over which the hardware is paid off.</param>
/// <param name="ElectricityUsdPerKwh">Electricity price.</param>
/// <param name="Watts">Device power while working.</param>
/// <param name="Duty">Share of the month the device may spend on this workload (capacity).</param>
public sealed record CostInputs(Assumed MonthlyTokens, Assumed OutputShare, Assumed CloudUsdPerMInput, Assumed CloudUsdPerMOutput, Assumed HardwareUsd,
    Assumed AmortizeMonths, Assumed ElectricityUsdPerKwh, Assumed Watts, Assumed Duty)
{
    public IEnumerable<(string Name, Assumed Value)> Values()
    {
        yield return ("monthly_tokens", MonthlyTokens);
        yield return ("output_share", OutputShare);
        yield return ("cloud_usd_per_mtok_in", CloudUsdPerMInput);
        yield return ("cloud_usd_per_mtok_out", CloudUsdPerMOutput);
        yield return ("hardware_usd", HardwareUsd);
        yield return ("amortize_months", AmortizeMonths);
        yield return ("electricity_usd_kwh", ElectricityUsdPerKwh);
        yield return ("watts", Watts);
        yield return ("duty", Duty);
    }
}
