using System.Diagnostics;
using System.Globalization;
using Locus.Hardware.Devices;
using Locus.Hardware.Thermal;

namespace Locus.Benchmarks;

/// <summary>
/// Cost of one thermal simulation: an hour at 100 ms steps (36,000 steps) of an 8B Q4_K_M model pushed past its
/// throttle point in the fanless preset, so the controller works on every step after the trip. Timed whole
/// (roofline set-up, trace arrays and the loop) after a warm-up; median and p95 of the runs. Goal: under 50 ms.
/// </summary>
internal static class ThermalBenchmark
{
    public static int Run(int runs)
    {
        var inputs = new ThermalInputs(DeviceCatalog.BuiltIn, name => name);
        var envelope = ThermalEnvelopes.FanlessLaptop;
        var request = inputs.Request(envelope, inputs.Device(envelope, null), inputs.Model(null, 8, "Q4_K_M"),
            new ThermalNumbers { TargetTps = 1000, Minutes = 60, StepMs = 100 });
        ThermalResult? last = null;
        for (var i = 0; i < 20; i++)
        {
            last = ThermalSimulator.Run(request);
        }

        var samples = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            last = ThermalSimulator.Run(request);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(samples);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"thermal: {last!.Trace.Count:N0} steps ({request.DurationSeconds / 60:0} min at {request.StepSeconds * 1000:0} ms), {runs} runs, median {Percentiles.Of(samples, 50):0.000} ms, p95 {Percentiles.Of(samples, 95):0.000} ms, max {samples[^1]:0.000} ms (goal < 50 ms)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"thermal: throttles at {last.TimeToThrottleSeconds:0} s, sustained {last.SustainedTokensPerSecond:0.00} tokens/s, energy imbalance {last.Energy.RelativeImbalance:E1}"));
        return 0;
    }
}
