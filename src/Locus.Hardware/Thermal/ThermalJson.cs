using System.Text.Json;
using System.Text.Json.Nodes;

namespace Locus.Hardware.Thermal;

/// <summary>
/// The simulation as JSON (`locus thermal --json`, <c>GET /v1/thermal</c>): snake_case, temperatures in °C, power in
/// W, speeds in tokens/s. <c>samples</c> are at most <c>points</c> evenly spaced steps of the run (each the value at
/// that step, the first at t = 0 and the last at the final step), so the curve keeps its shape at any step size.
/// </summary>
public static class ThermalJson
{
    public const int DefaultPoints = 300;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Write(ThermalResult result, int points = DefaultPoints) => ToJson(result, points).ToJsonString(Indented);

    public static string WriteCompact(ThermalResult result, int points = DefaultPoints) => ToJson(result, points).ToJsonString();

    public static JsonObject ToJson(ThermalResult result, int points = DefaultPoints)
    {
        ArgumentNullException.ThrowIfNull(result);
        var r = result.Request;
        return new JsonObject
        {
            ["envelope"] = r.Envelope.Id,
            ["device"] = new JsonObject { ["id"] = r.Device.Id, ["name"] = r.Device.Name },
            ["model"] = new JsonObject
            {
                ["params_b"] = Math.Round(r.Model.Parameters / 1e9, 3),
                ["quant"] = r.Model.Quantization,
                ["weight_bytes"] = r.Model.WeightBytes,
            },
            ["target_tokens_per_s"] = Round(result.TargetTokensPerSecond, 2),
            ["duty"] = r.Duty,
            ["ambient_c"] = r.AmbientC,
            ["junction_limit_c"] = result.JunctionLimitC,
            ["setpoint_c"] = result.SetpointC,
            ["power_cap_w"] = result.PowerCapWatts,
            ["max_tokens_per_s"] = Round(result.Load.MaxTokensPerSecond, 2),
            ["sustained_tokens_per_s"] = Round(result.SustainedTokensPerSecond, 2),
            ["time_to_throttle_s"] = result.TimeToThrottleSeconds is { } t ? Math.Round(t, 1) : null,
            ["binding_limit"] = result.Binding.Name(),
            ["joules_per_token"] = Round(result.JoulesPerToken, 3),
            ["peak_junction_c"] = Round(result.PeakJunctionC, 2),
            ["minutes"] = Math.Round(r.DurationSeconds / 60, 3),
            ["step_ms"] = Math.Round(r.StepSeconds * 1000, 3),
            ["energy_j"] = new JsonObject
            {
                ["in"] = Round(result.Energy.InJ, 1),
                ["stored"] = Round(result.Energy.StoredJ, 1),
                ["out"] = Round(result.Energy.OutJ, 1),
            },
            ["samples"] = Samples(result, points),
        };
    }

    /// <summary>Indices of at most <paramref name="points"/> evenly spaced steps out of <paramref name="count"/>, first and last included.</summary>
    public static IEnumerable<int> SampleSteps(int count, int points)
    {
        var m = Math.Min(Math.Max(points, 1), count);
        if (m == 1)
        {
            yield return 0;
            yield break;
        }

        for (var k = 0; k < m; k++)
        {
            yield return (int)Math.Round(k * (count - 1) / (double)(m - 1));
        }
    }

    private static JsonArray Samples(ThermalResult result, int points)
    {
        var trace = result.Trace;
        var samples = new JsonArray();
        foreach (var i in SampleSteps(trace.Count, points))
        {
            var tokens = trace.TokensPerSecond[i] * result.Request.Duty;
            samples.Add(new JsonObject
            {
                ["t_s"] = Math.Round(trace.TimeAt(i), 3),
                ["junction_c"] = Math.Round(trace.JunctionC[i], 2),
                ["heatsink_c"] = Math.Round(trace.SinkC[i], 2),
                ["power_w"] = Math.Round(trace.Watts[i], 2),
                ["tokens_per_s"] = Math.Round(trace.TokensPerSecond[i], 2),
                ["joules_per_token"] = tokens > 0 ? Math.Round(trace.Watts[i] / tokens, 3) : null,
                ["throttled"] = result.ThrottledAt(i),
                ["binding_limit"] = trace.Binding[i].Name(),
            });
        }

        return samples;
    }

    private static double? Round(double value, int digits) => double.IsFinite(value) ? Math.Round(value, digits) : null;
}
