using Locus.Hardware.Planning;

namespace Locus.Hardware.Placement;

/// <summary>
/// What a caller passed to `locus place` or <c>GET /v1/place</c>, before defaults and checks; null means not given.
/// Names follow the HTTP parameters (the CLI spells them as flags).
/// </summary>
public sealed record PlacementArgs
{
    public bool Private { get; init; }
    public double? LatencyMs { get; init; }
    public bool Frontier { get; init; }
    public bool Offline { get; init; }
    public double? MonthlyTokens { get; init; }
    public double? OutputShare { get; init; }
    public double? CloudUsdPerMInput { get; init; }
    public double? CloudUsdPerMOutput { get; init; }

    /// <summary>Where a price not given as a flag came from instead (e.g. the config's cloud target), if anywhere.</summary>
    public (double Input, double Output, string Source)? ConfiguredPrice { get; init; }

    public double? HardwareUsd { get; init; }
    public double? AmortizeMonths { get; init; }
    public double? ElectricityUsdPerKwh { get; init; }
    public double? Watts { get; init; }
    public double? Duty { get; init; }
    public string? Device { get; init; }
    public double? BandwidthGbs { get; init; }
    public double? Tflops { get; init; }
    public double? MemoryGib { get; init; }
    public string? Model { get; init; }
    public double? ParamsB { get; init; }
    public string Quant { get; init; } = "Q4_K_M";
    public long Context { get; init; } = 4096;
    public long PromptTokens { get; init; } = 512;

    /// <summary>Checks every value and fills the defaults (each marked as an assumption).</summary>
    /// <exception cref="Core.Errors.LocusException">A value is out of range; the message names it as the caller spells it.</exception>
    public PlacementRequest ToRequest(PlanInputs inputs, Func<string, string> spell)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(spell);
        var device = inputs.Device(Device, BandwidthGbs, Tflops, MemoryGib);
        var model = inputs.Model(Model, ParamsB, Quant);
        var local = new PlanRequest(model, device, inputs.Positive(Context, "ctx"), inputs.Positive(PromptTokens, "prompt_tokens"));
        Assumed Value(double? given, string name, Assumed fallback, Func<double, bool> valid, string rule) => given is not { } v ? fallback
            : valid(v) ? Assumed.Given(v, spell(name))
            : throw new Core.Errors.LocusException(Core.Errors.LocusError.Invalid($"{spell(name)} must be {rule}, got {PlacementAdvisor.Number(v)}", name));
        static bool Positive(double v) => v > 0;
        static bool NonNegative(double v) => v >= 0;
        static bool Share(double v) => v is >= 0 and <= 1;
        var (priceIn, priceOut) = ConfiguredPrice is { } c
            ? (Assumed.Given(c.Input, c.Source), Assumed.Given(c.Output, c.Source))
            : (CostDefaults.CloudUsdPerMInput, CostDefaults.CloudUsdPerMOutput);
        var costs = new CostInputs(
            Value(MonthlyTokens, "monthly_tokens", CostDefaults.MonthlyTokens, NonNegative, "0 or more"),
            Value(OutputShare, "output_share", CostDefaults.OutputShare, Share, "between 0 and 1"),
            Value(CloudUsdPerMInput, "cloud_usd_per_mtok_in", priceIn, NonNegative, "0 or more"),
            Value(CloudUsdPerMOutput, "cloud_usd_per_mtok_out", priceOut, NonNegative, "0 or more"),
            Value(HardwareUsd, "hardware_usd", CostDefaults.HardwareUsd(device), NonNegative, "0 or more"),
            Value(AmortizeMonths, "amortize_months", CostDefaults.AmortizeMonths, Positive, "positive"),
            Value(ElectricityUsdPerKwh, "electricity_usd_kwh", CostDefaults.ElectricityUsdPerKwh, NonNegative, "0 or more"),
            Value(Watts, "watts", CostDefaults.Watts(device), NonNegative, "0 or more"),
            Value(Duty, "duty", CostDefaults.Duty, v => v is > 0 and <= 1, "above 0 and at most 1"));
        if (LatencyMs is { } latency && !(latency > 0))
        {
            throw new Core.Errors.LocusException(Core.Errors.LocusError.Invalid($"{spell("latency_ms")} must be positive, got {PlacementAdvisor.Number(latency)}", "latency_ms"));
        }

        return new PlacementRequest(new PlacementQuestions(Private, LatencyMs, Frontier, Offline), local, costs);
    }
}
