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
        var query = context.Request.Query;
        string? Text(string key) => query[key].ToString() is { Length: > 0 } v ? v : null;
        if (Text("model") is not null)
            throw Invalid("model files are planned with the locus place command; pass params_b and quant here", "model");
        if (string.Equals(Text("device"), "this", StringComparison.OrdinalIgnoreCase))
            throw Invalid("device=this measures the machine and is available from the locus place command only", "device");

        var args = new PlacementArgs
        {
            Private = Flag("private"), LatencyMs = Number("latency_ms"), Frontier = Flag("frontier"), Offline = Flag("offline"),
            MonthlyTokens = Number("monthly_tokens"), OutputShare = Number("output_share"), CloudUsdPerMInput = Number("cloud_usd_per_mtok_in"),
            CloudUsdPerMOutput = Number("cloud_usd_per_mtok_out"), HardwareUsd = Number("hardware_usd"), AmortizeMonths = Number("amortize_months"),
            ElectricityUsdPerKwh = Number("electricity_usd_kwh"), Watts = Number("watts"), Duty = Number("duty"), Device = Text("device"),
            BandwidthGbs = Number("bandwidth_gbs"), Tflops = Number("tflops"), MemoryGib = Number("memory_gib"), ParamsB = Number("params_b"),
            Quant = Text("quant") ?? "Q4_K_M", Context = (long)(Number("ctx") ?? 4096), PromptTokens = (long)(Number("prompt_tokens") ?? 512),
        };
        var request = args.ToRequest(_inputs, name => name);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(PlacementJson.WriteCompact(PlacementAdvisor.Decide(request), request.Costs), context.RequestAborted);

        double? Number(string key) => Text(key) is not { } text ? null
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) ? n
            : throw Invalid($"{key} must be a number, not '{text}'", key);

        bool Flag(string key) => Text(key)?.ToLowerInvariant() switch
        {
            null or "false" or "0" => false,
            "true" or "1" => true,
            var other => throw Invalid($"{key} must be true or false, not '{other}'", key),
        };
    }

    private static LocusException Invalid(string message, string param) => new(LocusError.Invalid(message, param));
}
