using System.Text.Json.Nodes;
using Locus.Hardware.Performance;
using Locus.Hardware.Synthetic;

namespace Locus.Node.Benchmarking;

/// <summary>The synthetic benchmark's result as one JSON object: `locus bench --synthetic --json` and <c>POST /v1/bench/synthetic</c>.</summary>
public static class SyntheticBenchJson
{
    public static JsonObject Build(SyntheticBenchResult s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var (r, p) = (s.Request, s.Predicted);
        return new JsonObject
        {
            ["spec"] = r.Spec.ToString(),
            ["arch"] = r.Spec.Architecture,
            ["size"] = r.Spec.ToString().Split(':')[1],
            ["size_b"] = r.Spec.ParamsB,
            ["quant"] = r.Spec.Quant,
            ["preset"] = s.Preset.Name,
            ["parameters"] = s.Model.Parameters,
            ["layers"] = s.Model.Layers,
            ["vocab"] = s.Model.VocabSize,
            ["weight_bytes"] = s.Model.WeightBytes,
            ["streamed_bytes_per_token"] = s.Model.StreamedWeightBytes,
            ["file_bytes"] = s.FileBytes,
            ["threads"] = r.Threads,
            ["prompt_tokens"] = r.PromptTokens,
            ["gen_tokens"] = r.GeneratedTokens,
            ["reps"] = r.Repetitions,
            ["prefill_tokens_per_s"] = Round(s.Prefill),
            ["decode_tokens_per_s"] = Round(s.Decode),
            ["prefill_runs"] = new JsonArray([.. s.Runs.Select(x => (JsonNode?)Round(x.PromptTokensPerSecond))]),
            ["decode_runs"] = new JsonArray([.. s.Runs.Select(x => (JsonNode?)Round(x.GenerationTokensPerSecond))]),
            ["predicted_prefill_tokens_per_s"] = Round(p.PrefillTokensPerSecond),
            ["predicted_decode_tokens_per_s"] = Round(p.DecodeTokensPerSecond),
            ["error_pct"] = new JsonObject
            {
                ["prefill"] = Round(SpeedPrediction.ErrorPercent(p.PrefillTokensPerSecond, s.Prefill)),
                ["decode"] = Round(SpeedPrediction.ErrorPercent(p.DecodeTokensPerSecond, s.Decode)),
            },
            ["bandwidth_gbs"] = Round(s.Device.BandwidthGbs.Value),
            ["tflops"] = Math.Round(s.Device.Tflops.Value, 4),
            ["device_name"] = s.Device.Name,
            ["efficiency"] = Efficiency(s.Efficiency),
            ["efficiency_source"] = s.EfficiencySource,
            ["load_average"] = s.LoadAverage,
            ["model_file"] = s.KeptFile,
            ["calibration_file"] = s.CalibrationSaved,
            ["calibration_efficiency"] = s.CalibrationFitted is { } c ? Efficiency(c) : null,
        };
    }

    private static JsonObject Efficiency(Efficiency e) => new()
    {
        ["decode_bandwidth"] = Math.Round(e.DecodeBandwidth, 4),
        ["decode_layer_overhead_s"] = e.DecodeLayerOverheadSeconds,
        ["prefill_compute"] = Math.Round(e.PrefillCompute, 4),
    };

    private static double Round(double v) => Math.Round(v, 2);
}
