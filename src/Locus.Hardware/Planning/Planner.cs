using Locus.Hardware.Fit;
using Locus.Hardware.Performance;

namespace Locus.Hardware.Planning;

/// <summary>Memory fit plus roofline speed: will it fit, and how fast (docs/planner.md).</summary>
public static class Planner
{
    public static Plan Run(PlanRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (model, device, efficiency) = (request.Model, request.Device, request.Efficiency);
        var fit = MemoryFitCalculator.Compute(model, device, request.Context, request.KvType);
        if (!fit.FitsWithHostMemory)
        {
            return new Plan(request, fit, 0, 0, double.PositiveInfinity, Limit.Memory);
        }

        var decodeSeconds = RooflineModel.DecodeSecondsPerToken(model, device, fit, request.PromptTokens, request.KvType, efficiency);
        var prefill = RooflineModel.PrefillTokensPerSecond(model, device, request.PromptTokens, efficiency);
        var overhead = model.Layers * efficiency.DecodeLayerOverheadSeconds;
        var computeBound = RooflineModel.DecodeComputeSeconds(model, device, request.PromptTokens, efficiency) + overhead >= decodeSeconds - 1e-12;
        var limit = computeBound ? Limit.Compute
            : fit.GpuLayers < fit.Layers ? Limit.HostBandwidth
            : overhead > decodeSeconds / 2 ? Limit.Overhead
            : Limit.Bandwidth;
        var ttft = (request.PromptTokens / prefill) + decodeSeconds;
        return new Plan(request, fit, 1 / decodeSeconds, prefill, ttft, limit);
    }
}
