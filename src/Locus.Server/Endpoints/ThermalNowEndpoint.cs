using System.Text.Json.Nodes;
using Locus.Core.Errors;
using Microsoft.AspNetCore.Http;

namespace Locus.Server.Endpoints;

/// <summary>
/// <c>GET /v1/thermal/now</c>: this node's thermal headroom as the router sees it — where the numbers come from
/// (a sensor or the load-driven simulation), the junction temperature and limit, and what share of full local speed
/// the device could hold over the next minute, five and fifteen minutes of generation.
/// </summary>
internal sealed class ThermalNowEndpoint(ServerState state)
{
    private static readonly int[] HorizonsSeconds = [60, 300, 900];

    public async Task HandleAsync(HttpContext context)
    {
        var outlook = state.Node?.Thermal ?? throw new LocusException(new LocusError(LocusErrorKind.Unavailable,
            "This node has no thermal outlook: the machine shows no readable sensors and routing.thermal does not ask for the simulation (source: simulation).",
            null, "thermal_unavailable"));
        var forecasts = new JsonArray();
        JsonObject? now = null;
        foreach (var seconds in HorizonsSeconds)
        {
            var forecast = outlook.Forecast(1, TimeSpan.FromSeconds(seconds));
            now ??= new JsonObject
            {
                ["source"] = forecast.Source,
                ["junction_c"] = Math.Round(forecast.JunctionC, 2),
                ["limit_c"] = Math.Round(forecast.LimitC, 2),
                ["headroom_c"] = Math.Round(forecast.HeadroomC, 2),
            };
            forecasts.Add(new JsonObject
            {
                ["seconds"] = seconds,
                ["speed_factor"] = Math.Round(forecast.SpeedFactor, 4),
                ["time_to_throttle_s"] = forecast.TimeToThrottle is { } t ? Math.Round(t.TotalSeconds, 1) : null,
            });
        }

        now!["forecast"] = forecasts;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(now.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }
}
