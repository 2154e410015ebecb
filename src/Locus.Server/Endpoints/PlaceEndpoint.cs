using System.Globalization;
using Locus.Core.Errors;
using Locus.Hardware.Devices;
using Locus.Hardware.Placement;
using Locus.Hardware.Planning;
using Microsoft.AspNetCore.Http;

namespace Locus.Server.Endpoints;

/// <summary>
/// <c>GET /v1/place?private=true&amp;latency_ms=80&amp;monthly_tokens=5e7&amp;device=rtx-4090&amp;params_b=8</c>: the
/// placement advisor's answer, the same object as <c>locus place --json</c> (docs/planner.md). Booleans: <c>private</c>,
/// <c>frontier</c>, <c>offline</c> (true/false/1/0). Numbers: <c>latency_ms</c>, <c>monthly_tokens</c>,
/// <c>output_share</c>, <c>hardware_usd</c>, <c>amortize_months</c>, <c>electricity_usd_kwh</c>,
/// <c>cloud_usd_per_mtok_in</c>, <c>cloud_usd_per_mtok_out</c>, <c>watts</c>, <c>duty</c>, and the plan's
/// <c>bandwidth_gbs</c>, <c>tflops</c>, <c>memory_gib</c>, <c>params_b</c>, <c>ctx</c>, <c>prompt_tokens</c>. As for
/// <c>/v1/plan</c>, model files and <c>device=this</c> are CLI-only.
/// </summary>
internal sealed class PlaceEndpoint
{
    private readonly PlanInputs _inputs = new(DeviceCatalog.BuiltIn, name => name);

    public async Task HandleAsync(HttpContext context)
    {
        var query = new PlannerQuery(context.Request.Query);
        query.RefuseCliOnly("place", "planned");

        var args = new PlacementArgs
        {
            Private = query.Flag("private"),
            LatencyMs = query.Number("latency_ms"),
            Frontier = query.Flag("frontier"),
            Offline = query.Flag("offline"),
            MonthlyTokens = query.Number("monthly_tokens"),
            OutputShare = query.Number("output_share"),
            CloudUsdPerMInput = query.Number("cloud_usd_per_mtok_in"),
            CloudUsdPerMOutput = query.Number("cloud_usd_per_mtok_out"),
            HardwareUsd = query.Number("hardware_usd"),
            AmortizeMonths = query.Number("amortize_months"),
            ElectricityUsdPerKwh = query.Number("electricity_usd_kwh"),
            Watts = query.Number("watts"),
            Duty = query.Number("duty"),
            Device = query.Text("device"),
            BandwidthGbs = query.Number("bandwidth_gbs"),
            Tflops = query.Number("tflops"),
            MemoryGib = query.Number("memory_gib"),
            ParamsB = query.Number("params_b"),
            Quant = query.Text("quant") ?? "Q4_K_M",
            Context = (long)(query.Number("ctx") ?? 4096),
            PromptTokens = (long)(query.Number("prompt_tokens") ?? 512),
        };
        var request = args.ToRequest(_inputs, name => name);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(PlacementJson.WriteCompact(PlacementAdvisor.Decide(request), request.Costs), context.RequestAborted).ConfigureAwait(false);

    }
}
