using Locus.Core.Errors;
using Locus.Hardware.Fit;
using Locus.Hardware.Performance;
using Locus.Hardware.Planning;

namespace Locus.Hardware.Thermal;

/// <summary>
/// What one decoded token costs on this device, from the planner: the roofline speed at full clocks, which roof
/// binds, and the bytes (weights + KV read) and FLOPs (2 per weight + attention) per token.
/// </summary>
public sealed record InferenceLoad(double MaxTokensPerSecond, BindingLimit Roof, double BytesPerToken, double FlopsPerToken)
{
    public static InferenceLoad For(ThermalRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var plan = Planner.Run(new PlanRequest(request.Model, request.Device, request.Context, request.Depth));
        if (!plan.Memory.FitsWithHostMemory)
            throw new LocusException(LocusError.Invalid(
                $"{request.Model.Name} does not fit on {request.Device.Name} at context {request.Context:N0} (needs {plan.Memory.TotalBytes / 1e9:0.0} GB)", "params_b"));
        var bytes = request.Model.StreamedWeightBytes + ((double)MemoryEstimate.KvBytesPerToken(request.Model, KvCacheType.F16) * request.Depth);
        var roof = plan.DecodeLimit == Limit.Compute ? BindingLimit.Compute : BindingLimit.Bandwidth;
        return new InferenceLoad(plan.DecodeTokensPerSecond, roof, bytes, RooflineModel.FlopsPerToken(request.Model, request.Depth));
    }
}
