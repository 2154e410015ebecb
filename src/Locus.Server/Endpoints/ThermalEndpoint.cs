using System.Globalization;
using Locus.Core.Errors;
using Locus.Hardware.Devices;
using Locus.Hardware.Thermal;
using Microsoft.AspNetCore.Http;

namespace Locus.Server.Endpoints;

/// <summary>
/// <c>GET /v1/thermal?envelope=fanless-laptop&amp;params_b=8&amp;quant=Q4_K_M&amp;target_tps=20&amp;minutes=30</c>: a thermal
/// simulation as JSON, the same object as <c>locus thermal --json</c> (docs/planner.md, "Thermal simulation"); also
/// <c>device</c>, <c>duty</c>, <c>ambient_c</c>, <c>step_ms</c>, <c>points</c>, <c>ctx</c>.
/// <c>GET /v1/thermal/envelopes</c> lists the presets. Model files and <c>device=this</c> are CLI-only, as for /v1/plan.
/// </summary>
internal sealed class ThermalEndpoint
{
    private const int MaxPoints = 10_000;

    private readonly ThermalInputs _inputs = new(DeviceCatalog.BuiltIn, name => name);

    public async Task HandleAsync(HttpContext context)
    {
        var query = new PlannerQuery(context.Request.Query);
        query.RefuseCliOnly("thermal", "simulated");

        var envelope = _inputs.Envelope(query.Text("envelope"));
        var device = _inputs.Device(envelope, query.Text("device"));
        var model = _inputs.Model(null, query.Number("params_b"), query.Text("quant") ?? "Q4_K_M");
        var defaults = new ThermalNumbers();
        var request = _inputs.Request(envelope, device, model, new ThermalNumbers
        {
            TargetTps = query.Number("target_tps"),
            Duty = query.Number("duty") ?? defaults.Duty,
            AmbientC = query.Number("ambient_c") ?? defaults.AmbientC,
            Minutes = query.Number("minutes") ?? defaults.Minutes,
            StepMs = query.Number("step_ms") ?? defaults.StepMs,
            Context = (long)(query.Number("ctx") ?? defaults.Context),
        });
        var points = query.Number("points") ?? ThermalJson.DefaultPoints;
        if (points is < 2 or > MaxPoints || points != Math.Floor(points))
        {
            throw PlannerQuery.Invalid($"points must be a whole number from 2 to {MaxPoints}, not {points.ToString(CultureInfo.InvariantCulture)}", "points");
        }

        var result = ThermalSimulator.Run(request);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(ThermalJson.WriteCompact(result, (int)points), context.RequestAborted).ConfigureAwait(false);
    }

    public static async Task EnvelopesAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        var json = ThermalEnvelopesJson.Write(id => DeviceCatalog.BuiltIn.Find(id, out _));
        await context.Response.WriteAsync(json.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }
}
