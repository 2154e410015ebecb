using System.Text.Json.Nodes;
using Locus.Hardware.Devices;

namespace Locus.Hardware.Thermal;

/// <summary><c>GET /v1/thermal/envelopes</c>: each preset with its default device and calibrated values (docs/planner.md).</summary>
public static class ThermalEnvelopesJson
{
    /// <summary>The presets, for <c>GET /v1/thermal/envelopes</c>: what each stands for and its calibrated values.</summary>
    public static JsonObject Write(Func<string, DeviceProfile?> device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var list = new JsonArray();
        foreach (var e in ThermalEnvelopes.All)
        {
            var d = device(e.DefaultDevice);
            list.Add(new JsonObject
            {
                ["id"] = e.Id,
                ["name"] = e.Name,
                ["description"] = e.Description,
                ["device"] = e.DefaultDevice,
                ["device_name"] = d?.Name,
                ["junction_limit_c"] = d?.JunctionLimitC.Value,
                ["power_cap_w"] = d?.SustainedWatts.Value,
                ["settle_c"] = e.SettleC,
                ["r_junction_sink_k_per_w"] = Math.Round(1 / e.Network.JunctionToSinkWPerK, 4),
                ["r_sink_ambient_k_per_w"] = Math.Round(1 / e.Network.SinkToAmbientWPerK, 4),
                ["c_junction_j_per_k"] = e.Network.JunctionCapacityJPerK,
                ["c_sink_j_per_k"] = e.Network.SinkCapacityJPerK,
                ["idle_w"] = d is null ? null : Math.Round(e.Power.For(d.SustainedWatts.Value).IdleWatts, 2),
                ["pj_per_byte"] = Math.Round(e.Power.JoulesPerByte * 1e12, 3),
                ["pj_per_flop"] = Math.Round(e.Power.JoulesPerFlop * 1e12, 3),
            });
        }

        return new JsonObject { ["envelopes"] = list };
    }
}
