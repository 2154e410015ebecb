namespace Locus.Hardware.Thermal;

/// <summary>
/// The simulation's time series, one entry per step: temperatures at the start of the step, and the power, speed
/// and binding limit held over it. Plain arrays so an hour at 100 ms costs no per-step allocation.
/// </summary>
public sealed class ThermalTrace
{
    internal ThermalTrace(int steps, double stepSeconds)
    {
        StepSeconds = stepSeconds;
        JunctionC = new double[steps];
        SinkC = new double[steps];
        Watts = new double[steps];
        TokensPerSecond = new double[steps];
        Binding = new BindingLimit[steps];
    }

    public double StepSeconds { get; }

    public int Count => JunctionC.Length;

    public double[] JunctionC { get; }

    public double[] SinkC { get; }

    public double[] Watts { get; }

    /// <summary>Generation speed while generating (what a reader of the stream sees), tokens/s.</summary>
    public double[] TokensPerSecond { get; }

    public BindingLimit[] Binding { get; }

    public double TimeAt(int step) => step * StepSeconds;
}
