namespace Locus.Hardware.Thermal;

/// <summary>
/// A two-node lumped RC thermal network in the HotSpot style (Stan &amp; Skadron): the die (junction) node takes the
/// package's power and passes heat to the heatsink/chassis node, which passes it to the ambient air.
/// <code>
///   C_j dT_j/dt = P − G_js (T_j − T_s)
///   C_s dT_s/dt = G_js (T_j − T_s) − G_sa (T_s − T_amb)
/// </code>
/// Public sources give none of these values for laptops or boards; each preset's are calibrated against observed
/// behaviour (docs/planner.md, "Thermal simulation").
/// </summary>
/// <param name="JunctionCapacityJPerK">C_j: die, package and spreader, J/K.</param>
/// <param name="JunctionToSinkWPerK">G_js: conductance die → heatsink/chassis, W/K (1/R_js).</param>
/// <param name="SinkCapacityJPerK">C_s: heatsink or chassis, J/K.</param>
/// <param name="SinkToAmbientWPerK">G_sa: conductance heatsink/chassis → ambient air (convection, fans), W/K.</param>
public sealed record ThermalNetwork(double JunctionCapacityJPerK, double JunctionToSinkWPerK, double SinkCapacityJPerK, double SinkToAmbientWPerK)
{
    /// <summary>Builds a network from thermal resistances (K/W), the way the presets are written.</summary>
    public static ThermalNetwork FromResistances(double junctionCapacity, double junctionToSinkKPerW, double sinkCapacity, double sinkToAmbientKPerW) =>
        new(junctionCapacity, 1 / junctionToSinkKPerW, sinkCapacity, 1 / sinkToAmbientKPerW);

    /// <summary>Total resistance junction → ambient, K/W: the steady junction rise per watt.</summary>
    public double JunctionToAmbientKPerW => (1 / JunctionToSinkWPerK) + (1 / SinkToAmbientWPerK);

    /// <summary>Steady-state temperatures under constant power: T_j = T_amb + P (1/G_js + 1/G_sa), T_s = T_amb + P/G_sa.</summary>
    public (double JunctionC, double SinkC) SteadyState(double watts, double ambientC) =>
        (ambientC + (watts * JunctionToAmbientKPerW), ambientC + (watts / SinkToAmbientWPerK));

    /// <summary>The constant power whose steady junction temperature is <paramref name="junctionC"/>.</summary>
    public double SteadyWatts(double junctionC, double ambientC) => (junctionC - ambientC) / JunctionToAmbientKPerW;

    public void Validate()
    {
        if (!(JunctionCapacityJPerK > 0 && JunctionToSinkWPerK > 0 && SinkCapacityJPerK > 0 && SinkToAmbientWPerK > 0)
            || !double.IsFinite(JunctionCapacityJPerK + JunctionToSinkWPerK + SinkCapacityJPerK + SinkToAmbientWPerK))
        {
            throw new ArgumentException($"thermal network values must be positive and finite: {this}");
        }
    }
}
