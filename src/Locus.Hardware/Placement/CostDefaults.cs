using Locus.Hardware.Devices;

namespace Locus.Hardware.Placement;

/// <summary>
/// The economics' defaults when a value is not given: each an assumption with its reason and date (2025 prices, set
/// 2026-11). They are starting points for a conversation, not facts; `locus place` prints which ones it used.
/// </summary>
public static class CostDefaults
{
    public static Assumed MonthlyTokens { get; } = Assumed.Default(10_000_000, "assumed: a small team's assistant, 10M tokens/month");

    public static Assumed OutputShare { get; } = Assumed.Default(0.25, "assumed: prompts (with context) run about three times longer than answers");

    public static Assumed CloudUsdPerMInput { get; } = Assumed.Default(3.00,
        "assumed: a frontier API's list price per million input tokens (Anthropic Claude Sonnet 4, May 2025); check your provider");

    public static Assumed CloudUsdPerMOutput { get; } = Assumed.Default(15.00,
        "assumed: a frontier API's list price per million output tokens (Anthropic Claude Sonnet 4, May 2025); check your provider");

    public static Assumed AmortizeMonths { get; } = Assumed.Default(36, "assumed: a three-year useful life");

    public static Assumed ElectricityUsdPerKwh { get; } = Assumed.Default(0.30,
        "assumed: retail electricity, 2025 (US average about 0.17, much of Europe 0.25–0.40 USD/kWh)");

    public static Assumed Duty { get; } = Assumed.Default(0.5, "assumed: the device may spend half the month on this workload");

    /// <summary>Rough 2025 street price of a machine of this form factor, USD.</summary>
    public static Assumed HardwareUsd(DeviceProfile device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var (usd, what) = device.FormFactor switch
        {
            FormFactor.FanlessLaptop => (1_200, "a fanless laptop"),
            FormFactor.CooledLaptop => (3_500, "a cooled workstation laptop"),
            FormFactor.Desktop => (3_000, "a desktop with its GPU"),
            FormFactor.Datacenter => (30_000, "one datacenter GPU"),
            FormFactor.Embedded => (500, "an embedded module"),
            _ => (120, "a single-board computer"),
        };
        return Assumed.Default(usd, $"assumed: rough 2025 street price of {what}; pass the real one");
    }

    /// <summary>The device's sustained power envelope (with its source), as power while working.</summary>
    public static Assumed Watts(DeviceProfile device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return new Assumed(device.SustainedWatts.Value, $"the device's sustained power ({device.SustainedWatts.Source})", device.SustainedWatts.IsAssumption);
    }
}
