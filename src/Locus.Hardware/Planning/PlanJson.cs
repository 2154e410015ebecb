using System.Text.Json;
using System.Text.Json.Nodes;
using Locus.Hardware.Devices;
using Locus.Hardware.Fit;

namespace Locus.Hardware.Planning;

/// <summary>The plan as JSON (`locus plan --json`, <c>GET /v1/plan</c>): snake_case, sizes in bytes, speeds in tokens/s.</summary>
public static class PlanJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Write(Plan plan) => ToJson(plan).ToJsonString(Indented);

    public static string WriteCompact(Plan plan) => ToJson(plan).ToJsonString();

    public static JsonObject ToJson(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var (r, m) = (plan.Request, plan.Memory);
        return new JsonObject
        {
            ["device"] = r.Device.Id,
            ["device_name"] = r.Device.Name,
            ["model"] = r.Model.Name,
            ["parameters"] = r.Model.Parameters,
            ["quantization"] = r.Model.Quantization,
            ["bits_per_weight"] = Math.Round(r.Model.BitsPerWeight, 3),
            ["ctx"] = r.Context,
            ["prompt_tokens"] = r.PromptTokens,
            ["kv_type"] = r.KvType.ToString().ToLowerInvariant(),
            ["decode_tokens_per_s"] = Math.Round(plan.DecodeTokensPerSecond, 2),
            ["prefill_tokens_per_s"] = Math.Round(plan.PrefillTokensPerSecond, 2),
            ["ttft_s"] = double.IsFinite(plan.TimeToFirstTokenSeconds) ? Math.Round(plan.TimeToFirstTokenSeconds, 4) : null,
            ["decode_limit"] = Kebab(plan.DecodeLimit),
            ["prefill_limit"] = Kebab(plan.PrefillLimit),
            ["memory_bytes"] = m.TotalBytes,
            ["weights_bytes"] = m.WeightBytes,
            ["kv_bytes"] = m.KvBytes,
            ["kv_bytes_per_token"] = MemoryEstimate.KvBytesPerToken(r.Model, r.KvType),
            ["compute_bytes"] = m.ComputeBytes,
            ["usable_bytes"] = m.UsableBytes,
            ["fits"] = m.Fits,
            ["fits_with_host_memory"] = m.FitsWithHostMemory,
            ["max_context"] = m.MaxContext,
            ["trained_context"] = r.Model.TrainedContext,
            ["exceeds_trained_context"] = plan.ExceedsTrainedContext,
            ["gpu_layers"] = m.GpuLayers,
            ["layers"] = m.Layers,
            ["efficiency"] = new JsonObject
            {
                ["decode_bandwidth"] = r.Efficiency.DecodeBandwidth,
                ["decode_layer_overhead_s"] = r.Efficiency.DecodeLayerOverheadSeconds,
                ["prefill_compute"] = r.Efficiency.PrefillCompute,
            },
            ["sources"] = Sources(r.Device),
        };
    }

    public static JsonObject Sources(DeviceProfile device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var sources = new JsonObject();
        foreach (var (name, value) in device.Values())
        {
            sources[name] = new JsonObject { ["value"] = value.Value, [value.IsAssumption ? "assumption" : "source"] = value.Source };
        }

        return sources;
    }

    public static string Kebab(Limit limit) => limit switch
    {
        Limit.HostBandwidth => "host-bandwidth",
        _ => limit.ToString().ToLowerInvariant(),
    };
}
