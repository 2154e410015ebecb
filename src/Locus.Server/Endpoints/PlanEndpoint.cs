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
        var query = context.Request.Query;
        string? Text(string key) => query[key].ToString() is { Length: > 0 } v ? v : null;
        if (Text("model") is not null)
            throw Invalid("model files are planned with the locus plan command; pass params_b and quant here", "model");
        if (string.Equals(Text("device"), "this", StringComparison.OrdinalIgnoreCase))
            throw Invalid("device=this measures the machine and is available from the locus plan command only", "device");

        var device = _inputs.Device(Text("device"), Number("bandwidth_gbs"), Number("tflops"), Number("memory_gib"));
        var model = _inputs.Model(null, Number("params_b"), Text("quant") ?? "Q4_K_M");
        var request = new PlanRequest(model, device, (long)_inputs.Positive(Number("ctx") ?? 4096, "ctx"),
            (long)_inputs.Positive(Number("prompt_tokens") ?? 512, "prompt_tokens"), _inputs.KvType(Text("kv_type") ?? "f16"));
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(PlanJson.WriteCompact(Planner.Run(request)), context.RequestAborted);

        double? Number(string key) => Text(key) is not { } text ? null
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) ? n
            : throw Invalid($"{key} must be a number, not '{text}'", key);
    }

    private static LocusException Invalid(string message, string param) => new(LocusError.Invalid(message, param));
}
