namespace Locus.Hardware.Thermal;

/// <summary>
/// The four presets. No public source gives thermal resistances or capacities for these machines, so each value is
/// an assumption calibrated to a behaviour in ../shared/docs/hardware-facts.md, or (where the facts are silent) to
/// typical figures; the calibration table in docs/planner.md says which behaviour fixed which value, and
/// ThermalCalibrationTests check the behaviours still come out.
/// </summary>
public static class ThermalEnvelopes
{
    /// <summary>MacBook Air (M2): no fan; the die spreads heat into the aluminium body, which sheds it by convection.</summary>
    public static ThermalEnvelope FanlessLaptop { get; } = new(
        "fanless-laptop", "Fanless laptop", "apple-m2", "MacBook Air class: no fan, the chassis is the heatsink",
        ThermalNetwork.FromResistances(junctionCapacity: 5, junctionToSinkKPerW: 3.0, sinkCapacity: 175, sinkToAmbientKPerW: 1.93),
        AppleSoc,
        SettleC: 100);

    /// <summary>MacBook Pro (M2 Max): heat pipes and fans.</summary>
    public static ThermalEnvelope CooledLaptop { get; } = new(
        "cooled-laptop", "Cooled laptop", "apple-m2-max", "MacBook Pro class: heat pipes and fans",
        ThermalNetwork.FromResistances(junctionCapacity: 10, junctionToSinkKPerW: 0.3, sinkCapacity: 300, sinkToAmbientKPerW: 0.34),
        AppleSoc);

    /// <summary>A desktop graphics card (RTX 4090): vapour chamber, large fin stack, three fans.</summary>
    public static ThermalEnvelope DesktopGpu { get; } = new(
        "desktop-gpu", "Desktop GPU", "rtx-4090", "Desktop graphics card: vapour chamber, fin stack and fans in a tower case",
        ThermalNetwork.FromResistances(junctionCapacity: 60, junctionToSinkKPerW: 0.04, sinkCapacity: 1200, sinkToAmbientKPerW: 0.06),
        new PowerConstants(IdleShare: 0.1, JoulesPerByte: 460e-12, JoulesPerFlop: 1e-12));

    /// <summary>A datacenter accelerator (H100 SXM) in a server with forced air at a controlled inlet temperature.</summary>
    public static ThermalEnvelope DatacenterGpu { get; } = new(
        "datacenter-gpu", "Datacenter GPU", "h100-sxm", "SXM accelerator in a server: heatsink and forced air from a cooled aisle",
        ThermalNetwork.FromResistances(junctionCapacity: 80, junctionToSinkKPerW: 0.03, sinkCapacity: 2500, sinkToAmbientKPerW: 0.04),
        new PowerConstants(IdleShare: 0.13, JoulesPerByte: 200e-12, JoulesPerFlop: 0.5e-12));

    public static IReadOnlyList<ThermalEnvelope> All { get; } = [FanlessLaptop, CooledLaptop, DesktopGpu, DatacenterGpu];

    public static IEnumerable<string> Ids => All.Select(e => e.Id);

    /// <summary>The preset with this id (case-insensitive), or null.</summary>
    public static ThermalEnvelope? Find(string id) => All.FirstOrDefault(e => string.Equals(e.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>Apple SoC with LPDDR5: idle 1/8 of the envelope (M2 2.5 W); 200 pJ per byte makes full-bandwidth decode meet it (M2 20 W, M2 Max 80 W).</summary>
    private static PowerConstants AppleSoc => new(IdleShare: 0.125, JoulesPerByte: 200e-12, JoulesPerFlop: 2e-12);
}
