using System.Text.Json;
using Locus.Core.Errors;
using Locus.Hardware.Synthetic;
using Locus.Node.Benchmarking;
using Microsoft.AspNetCore.Http;

namespace Locus.Server.Endpoints;

/// <summary>
/// <c>POST /v1/bench/synthetic</c> with <c>{"spec": "qwen2:0.5b:q4_0", "prompt_tokens": 64, "gen_tokens": 32, "reps": 3,
/// "threads": 2}</c>: the same measurement and JSON as <c>locus bench --synthetic --json</c>, run in this node. One
/// at a time (a second gets 429: two benchmarks would measure each other), models up to 4 GB of weights (larger ones
/// from the command line), and the tokenizer is copied from the first local model this node serves, else from
/// ../shared beside the checkout. Served requests running meanwhile slow it down: the result carries the load average.
/// </summary>
internal sealed class SyntheticBenchEndpoint(ServerState state)
{
    private const double MaxWeightBytes = 4e9;
    private int _running;

    public async Task HandleAsync(HttpContext context)
    {
        using var body = await RequestBody.ReadAsync(context, 4096).ConfigureAwait(false);
        var root = body.RootElement;
        var spec = Spec(root);
        var request = new SyntheticBenchRequest(spec, Tokenizer(), Int(root, "prompt_tokens", 64, 4096), Int(root, "gen_tokens", 32, 1024),
            Int(root, "threads", Math.Max(1, Environment.ProcessorCount), 256), Int(root, "reps", 3, 20), Keep: false, CalibrationIn: null, CalibrationOut: null);
        if (Interlocked.CompareExchange(ref _running, 1, 0) != 0)
        {
            throw new LocusException(new LocusError(LocusErrorKind.Overloaded, "A synthetic benchmark is already running on this node; two would measure each other.",
                null, "benchmark_running")
            { RetryAfter = TimeSpan.FromSeconds(30) });
        }

        try
        {
            var result = await SyntheticBench.RunAsync(request, context.RequestAborted).ConfigureAwait(false);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(SyntheticBenchJson.Build(result).ToJsonString(), context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    private static SyntheticSpec Spec(JsonElement root)
    {
        if (!root.TryGetProperty("spec", out var value) || value.ValueKind != JsonValueKind.String)
        {
            throw Invalid("spec is required: ARCH:SIZE:QUANT, e.g. qwen2:0.5b:q4_0", "spec");
        }

        SyntheticSpec spec;
        try
        {
            spec = SyntheticSpec.Parse(value.GetString()!);
        }
        catch (ArgumentException e)
        {
            throw Invalid("spec: " + e.Message, "spec");
        }

        var bytes = spec.ParamsB * 1e9 * Gguf.GgmlTypeTraits.Get(spec.WeightType).BitsPerElement / 8;
        if (bytes > MaxWeightBytes)
        {
            throw Invalid($"spec {spec} would write about {bytes / 1e9:0.0} GB; the endpoint takes up to {MaxWeightBytes / 1e9:0} GB (use locus bench --synthetic for larger)", "spec");
        }

        return spec;
    }

    private string Tokenizer()
    {
        var local = state.Node?.Settings.Config.Routing.Targets.FirstOrDefault(t => t.Kind == global::Locus.Routing.Options.TargetKind.Llama)?.Model;
        try
        {
            return local is not null && File.Exists(local) ? local : SyntheticFiles.Tokenizer(null);
        }
        catch (LocusException)
        {
            throw Invalid("no tokenizer to copy: this node serves no local model and ../shared/models is not beside it", "spec");
        }
    }

    private static int Int(JsonElement root, string key, int fallback, int max)
    {
        if (!root.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }

        return value.TryGetInt32(out var n) && n >= 1 && n <= max ? n : throw Invalid($"{key} must be a whole number from 1 to {max}", key);
    }

    private static LocusException Invalid(string message, string param) => new(LocusError.Invalid(message, param));
}
