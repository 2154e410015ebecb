namespace Locus.Hardware.Thermal;

/// <summary>The numeric inputs of a thermal simulation, with the contract's defaults.</summary>
public sealed record ThermalNumbers
{
    public double? TargetTps { get; init; }

    public double Duty { get; init; } = 1;

    public double AmbientC { get; init; } = 25;

    public double Minutes { get; init; } = 30;

    public double StepMs { get; init; } = 100;

    public long Context { get; init; } = 4096;
}
