namespace Locus.Hardware.Thermal;

/// <summary>
/// The power a throttle allows for the next step. It does nothing until the junction would cross its limit (the
/// trip: the device "peaks at the limit, then throttles"); from then on it steers the junction toward a setpoint at or
/// below the limit along a first-order path of time constant <see cref="SettleSeconds"/>, computing the power that
/// does so from the network's exact step response (a one-step model-predictive controller, which has no gains to tune
/// per preset and cannot wind up). Both before and after the trip, the allowed power never exceeds the power that
/// would land the junction exactly on its limit at the end of the step, so T_j ≤ limit holds to rounding whenever the
/// idle power alone could keep it there.
/// </summary>
internal sealed class ThrottleController(StepResponse step, double limitRise, double setpointRise)
{
    /// <summary>How fast the junction is steered from the limit down to the setpoint after the trip, s.</summary>
    public const double SettleSeconds = 20;

    private readonly double _approach = -double.ExpM1(-step.StepSeconds / SettleSeconds);

    /// <summary>True once the junction has reached its limit (latched: the device stays throttled for the run).</summary>
    public bool Tripped { get; private set; }

    /// <summary>The most power allowed over the next step, given what the workload would draw unthrottled.</summary>
    public double AllowedWatts(double junctionRise, double sinkRise, double demandWatts)
    {
        var free = step.FreeJunctionRise(junctionRise, sinkRise);
        var perWatt = step.JunctionRisePerWatt;
        var atLimit = (limitRise - free) / perWatt;
        if (!Tripped)
        {
            if (demandWatts <= atLimit)
            {
                return double.PositiveInfinity;
            }
            // The trip step lands exactly on the limit: the peak is the limit, whatever the step size.
            Tripped = true;
            return atLimit;
        }

        var goal = junctionRise + ((setpointRise - junctionRise) * _approach);
        return Math.Min(atLimit, (goal - free) / perWatt);
    }
}
