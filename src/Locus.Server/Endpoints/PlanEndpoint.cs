using System.Globalization;
using Locus.Core.Errors;
using Locus.Hardware.Devices;
using Locus.Hardware.Planning;
using Microsoft.AspNetCore.Http;

namespace Locus.Server.Endpoints;

/// <summary>
/// <c>GET /v1/plan?device=apple-m2-max&amp;params_b=8&amp;quant=Q4_K_M&amp;ctx=8192</c>: the planner's answer as JSON, the
/// same object as <c>locus plan --json</c> (docs/planner.md). Also <c>bandwidth_gbs</c>, <c>tflops</c>,
/// <c>memory_gib</c>, <c>prompt_tokens</c>, <c>kv_type</c>. Model files and <c>device=this</c> are CLI-only: a
/// client must not make the server read paths or run a bandwidth benchmark.
/// </summary>
internal sealed class PlanEndpoint
{
    private readonly PlanInputs _inputs = new(DeviceCatalog.BuiltIn, name => name);

    public async Task HandleAsync(HttpContext context)
    {
        var query = new PlannerQuery(context.Request.Query);
        query.RefuseCliOnly("plan", "planned");

        var device = _inputs.Device(query.Text("device"), query.Number("bandwidth_gbs"), query.Number("tflops"), query.Number("memory_gib"));
        var model = _inputs.Model(null, query.Number("params_b"), query.Text("quant") ?? "Q4_K_M");
        var request = new PlanRequest(model, device, (long)_inputs.Positive(query.Number("ctx") ?? 4096, "ctx"),
            (long)_inputs.Positive(query.Number("prompt_tokens") ?? 512, "prompt_tokens"), _inputs.KvType(query.Text("kv_type") ?? "f16"));
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(PlanJson.WriteCompact(Planner.Run(request)), context.RequestAborted).ConfigureAwait(false);
    }
}
