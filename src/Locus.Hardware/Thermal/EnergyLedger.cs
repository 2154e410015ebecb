namespace Locus.Hardware.Thermal;

/// <summary>
/// Where the heat went over a run, J: in (power × time), stored in the two capacities (C × rise above ambient), and
/// out to ambient (G_sa × ∫ sink rise dt, integrated exactly). In = stored + out is the energy-balance check.
/// </summary>
public sealed record EnergyLedger(double InJ, double StoredJ, double OutJ)
{
    /// <summary>|in − stored − out| ÷ in.</summary>
    public double RelativeImbalance => InJ == 0 ? 0 : Math.Abs(InJ - StoredJ - OutJ) / InJ;
}
