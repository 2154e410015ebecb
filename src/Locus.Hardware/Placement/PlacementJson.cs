using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Locus.Hardware.Placement;

/// <summary>The advice as JSON (`locus place --json`, <c>GET /v1/place</c>): snake_case, USD, tokens, seconds.</summary>
public static class PlacementJson
{
    // Reasons are prose with dashes and apostrophes; escaping them as \uXXXX would only make them harder to read.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(PlacementAdvice advice, CostInputs costs) => ToJson(advice, costs).ToJsonString(Indented);

    public static string WriteCompact(PlacementAdvice advice, CostInputs costs) => ToJson(advice, costs).ToJsonString(Compact);

    public static JsonObject ToJson(PlacementAdvice advice, CostInputs costs)
    {
        ArgumentNullException.ThrowIfNull(advice);
        ArgumentNullException.ThrowIfNull(costs);
        var (plan, e) = (advice.Plan, advice.Economics);
        var steps = new JsonArray();
        foreach (var s in advice.Steps)
        {
            steps.Add(new JsonObject
            {
                ["step"] = s.Key,
                ["question"] = s.Question,
                ["answer"] = s.Answer,
                ["reason"] = s.Reason,
                ["points_to"] = s.PointsTo?.ToString().ToLowerInvariant(),
            });
        }

        var inputs = new JsonObject();
        foreach (var (name, value) in costs.Values())
        {
            inputs[name] = new JsonObject { ["value"] = value.Value, [value.IsAssumption ? "assumption" : "source"] = value.Note };
        }

        return new JsonObject
        {
            ["placement"] = advice.Site.ToString().ToLowerInvariant(),
            ["feasible"] = advice.Feasible,
            ["lost"] = advice.Lost,
            ["steps"] = steps,
            ["local"] = new JsonObject
            {
                ["device"] = plan.Request.Device.Id,
                ["device_name"] = plan.Request.Device.Name,
                ["model"] = plan.Request.Model.Name,
                ["fits"] = plan.Memory.Fits,
                ["fits_with_host_memory"] = plan.Memory.FitsWithHostMemory,
                ["memory_bytes"] = plan.Memory.TotalBytes,
                ["decode_tokens_per_s"] = Math.Round(plan.DecodeTokensPerSecond, 2),
                ["prefill_tokens_per_s"] = Math.Round(plan.PrefillTokensPerSecond, 2),
                ["ttft_ms"] = Finite(plan.TimeToFirstTokenSeconds * 1000, 1),
            },
            ["economics"] = new JsonObject
            {
                ["cloud_monthly_usd"] = Finite(e.CloudMonthlyUsd, 2),
                ["local_monthly_usd"] = Finite(e.LocalMonthlyUsd, 2),
                ["hardware_monthly_usd"] = Finite(e.HardwareMonthlyUsd, 2),
                ["electricity_monthly_usd"] = Finite(e.ElectricityMonthlyUsd, 2),
                ["joules_per_input_token"] = Finite(e.JoulesPerInputToken, 4),
                ["joules_per_output_token"] = Finite(e.JoulesPerOutputToken, 4),
                ["break_even_monthly_tokens"] = e.BreakEvenMonthlyTokens is { } b ? Math.Round(b) : null,
                ["local_capacity_monthly_tokens"] = Finite(e.LocalCapacityMonthlyTokens, 0),
                ["local_capacity_enough"] = e.LocalCapacityEnough,
                ["busy_hours_per_month"] = Finite(e.BusySecondsPerMonth / 3600, 2),
            },
            ["inputs"] = inputs,
        };
    }

    /// <summary>JSON has no infinity: a value that does not exist (a model that does not fit) is null.</summary>
    private static double? Finite(double value, int digits) => double.IsFinite(value) ? Math.Round(value, digits) : null;
}
