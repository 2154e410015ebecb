namespace Locus.Hardware.Placement;

/// <summary>The monthly cost of one workload in the cloud and on owned hardware, and the volume where they meet.</summary>
/// <param name="CloudMonthlyUsd">Input and output tokens at the cloud prices.</param>
/// <param name="HardwareMonthlyUsd">Hardware price ÷ amortization months (paid whether it is used or not).</param>
/// <param name="ElectricityMonthlyUsd">Energy for this month's tokens × electricity price.</param>
/// <param name="JoulesPerInputToken">Energy per prompt token (device power ÷ prompt tokens/s).</param>
/// <param name="JoulesPerOutputToken">Energy per generated token (power while generating ÷ generation tokens/s).</param>
/// <param name="BusySecondsPerMonth">Device time the month's tokens take: input ÷ prompt speed + output ÷ generation speed.</param>
/// <param name="AvailableSecondsPerMonth">Device time the duty cycle allows (30-day month).</param>
/// <param name="BreakEvenMonthlyTokens">Monthly tokens (same input/output mix) at which both sides cost the same; null when local never pays off.</param>
public sealed record Economics(
    double CloudMonthlyUsd,
    double HardwareMonthlyUsd,
    double ElectricityMonthlyUsd,
    double JoulesPerInputToken,
    double JoulesPerOutputToken,
    double BusySecondsPerMonth,
    double AvailableSecondsPerMonth,
    double? BreakEvenMonthlyTokens)
{
    public const double SecondsPerMonth = 30 * 24 * 3600;

    public double LocalMonthlyUsd => HardwareMonthlyUsd + ElectricityMonthlyUsd;

    /// <summary>Whether the device can serve the volume at all within its duty cycle.</summary>
    public bool LocalCapacityEnough => BusySecondsPerMonth <= AvailableSecondsPerMonth;

    /// <summary>The most tokens per month (same mix) the device can serve within its duty cycle.</summary>
    public double LocalCapacityMonthlyTokens { get; init; }

    public bool LocalCheaper => LocalMonthlyUsd < CloudMonthlyUsd;

    /// <param name="inputs">Volume, prices and power.</param>
    /// <param name="prefillTokensPerSecond">The planner's prompt speed on the device.</param>
    /// <param name="decodeTokensPerSecond">The planner's generation speed on the device.</param>
    /// <param name="decodeWatts">Power while generating, when it is known apart from <see cref="CostInputs.Watts"/> (the thermal power model).</param>
    public static Economics Compute(CostInputs inputs, double prefillTokensPerSecond, double decodeTokensPerSecond, double? decodeWatts = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var share = inputs.OutputShare.Value;
        var tokens = inputs.MonthlyTokens.Value;
        // Per token of the mix: what the cloud charges, the device's energy, and the device's time.
        var cloudPerToken = (((1 - share) * inputs.CloudUsdPerMInput.Value) + (share * inputs.CloudUsdPerMOutput.Value)) / 1e6;
        var joulesIn = Energy.EnergyPerToken(inputs.Watts.Value, prefillTokensPerSecond);
        var joulesOut = Energy.EnergyPerToken(decodeWatts ?? inputs.Watts.Value, decodeTokensPerSecond);
        var electricityPerToken = (((1 - share) * joulesIn) + (share * joulesOut)) / Energy.JoulesPerKwh * inputs.ElectricityUsdPerKwh.Value;
        var secondsPerToken = ((1 - share) / prefillTokensPerSecond) + (share / decodeTokensPerSecond);
        var hardware = inputs.HardwareUsd.Value / inputs.AmortizeMonths.Value;
        var available = SecondsPerMonth * inputs.Duty.Value;
        // Cloud grows with volume at cloudPerToken; local has a fixed part and grows at electricityPerToken.
        double? breakEven = cloudPerToken > electricityPerToken ? hardware / (cloudPerToken - electricityPerToken) : null;
        return new Economics(tokens * cloudPerToken, hardware, tokens * electricityPerToken, joulesIn, joulesOut, tokens * secondsPerToken, available, breakEven)
        {
            LocalCapacityMonthlyTokens = double.IsFinite(secondsPerToken) && secondsPerToken > 0 ? available / secondsPerToken : 0,
        };
    }
}
