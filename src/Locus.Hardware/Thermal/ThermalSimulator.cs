namespace Locus.Hardware.Thermal;

/// <summary>
/// Runs inference through the thermal network step by step. Each step the speed delivered is the smallest of the
/// target, the roofline at full clocks, what the package power cap allows and what the throttle controller allows;
/// its power heats the die; the exact step response moves the temperatures on (docs/planner.md).
/// </summary>
public static class ThermalSimulator
{
    /// <summary>Share of the run, at its end, over which sustained speed and the binding limit are taken.</summary>
    public const double SustainedTail = 0.10;

    public static ThermalResult Run(ThermalRequest request) => Run(request, InferenceLoad.For(request));

    public static ThermalResult Run(ThermalRequest request, InferenceLoad load)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(load);
        var network = request.Envelope.Network;
        var power = request.Envelope.Power.For(request.Device.SustainedWatts.Value);
        var step = new StepResponse(network, request.StepSeconds);
        var limitC = request.Device.JunctionLimitC.Value;
        var setpointC = Math.Min(limitC, request.Envelope.SettleC ?? limitC);
        var controller = new ThrottleController(step, limitC - request.AmbientC, setpointC - request.AmbientC);
        var capWatts = request.Device.SustainedWatts.Value;
        var joulesPerToken = power.JoulesPerToken(load.BytesPerToken, load.FlopsPerToken);
        var target = request.TargetTokensPerSecond ?? load.MaxTokensPerSecond;
        var (demand, demandLimit) = request.TargetTokensPerSecond is { } asked && asked <= load.MaxTokensPerSecond
            ? (asked, BindingLimit.Target) : (load.MaxTokensPerSecond, load.Roof);
        var demandWatts = power.Watts(demand, joulesPerToken, request.Duty);

        var trace = new ThermalTrace(request.Steps, request.StepSeconds);
        double junction = 0, sink = 0, heatIn = 0, heatOut = 0, tokens = 0, peak = 0;
        int? throttleStep = null;
        for (var i = 0; i < trace.Count; i++)
        {
            var thermalWatts = controller.AllowedWatts(junction, sink, Math.Min(demandWatts, capWatts));
            if (controller.Tripped)
            {
                throttleStep ??= i;
            }

            var (speed, binding) = (demand, demandLimit);
            if (Math.Min(capWatts, thermalWatts) < demandWatts)
            {
                binding = thermalWatts < capWatts ? BindingLimit.Thermal : BindingLimit.PowerCap;
                speed = power.TokensPerSecondWithin(Math.Min(capWatts, thermalWatts), joulesPerToken, request.Duty);
            }

            var watts = power.Watts(speed, joulesPerToken, request.Duty);
            trace.JunctionC[i] = request.AmbientC + junction;
            trace.SinkC[i] = request.AmbientC + sink;
            trace.Watts[i] = watts;
            trace.TokensPerSecond[i] = speed;
            trace.Binding[i] = binding;
            heatIn += watts * request.StepSeconds;
            tokens += speed * request.Duty * request.StepSeconds;
            heatOut += step.Advance(ref junction, ref sink, watts);
            peak = Math.Max(peak, junction);
        }

        var stored = (network.JunctionCapacityJPerK * junction) + (network.SinkCapacityJPerK * sink);
        var tail = Math.Max(1, (int)Math.Round(trace.Count * SustainedTail));
        return new ThermalResult(request, load, target, capWatts, limitC, setpointC, trace,
            throttleStep is { } s ? trace.TimeAt(s) : null,
            Mean(trace.TokensPerSecond, trace.Count - tail), MostFrequent(trace.Binding, trace.Count - tail),
            tokens > 0 ? heatIn / tokens : double.PositiveInfinity, request.AmbientC + peak,
            new EnergyLedger(heatIn, stored, heatOut));
    }

    private static double Mean(double[] values, int from)
    {
        var sum = 0.0;
        for (var i = from; i < values.Length; i++)
        {
            sum += values[i];
        }

        return sum / (values.Length - from);
    }

    private static BindingLimit MostFrequent(BindingLimit[] values, int from)
    {
        Span<int> counts = stackalloc int[5];
        for (var i = from; i < values.Length; i++)
        {
            counts[(int)values[i]]++;
        }

        var best = 0;
        for (var k = 1; k < counts.Length; k++)
        {
            best = counts[k] > counts[best] ? k : best;
        }

        return (BindingLimit)best;
    }
}
