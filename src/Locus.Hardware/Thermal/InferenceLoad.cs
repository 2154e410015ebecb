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
        {
            throw new LocusException(LocusError.Invalid(
                $"{request.Model.Name} does not fit on {request.Device.Name} at context {request.Context:N0} (needs {plan.Memory.TotalBytes / 1e9:0.0} GB)", "params_b"));
        }

        var roof = plan.DecodeLimit == Limit.Compute ? BindingLimit.Compute : BindingLimit.Bandwidth;
        var (bytes, flops) = PerToken(request.Model, request.Depth);
        return new InferenceLoad(plan.DecodeTokensPerSecond, roof, bytes, flops);
    }

    /// <summary>Bytes read (weights + KV cache at <paramref name="depth"/>, f16) and FLOPs of one decoded token.</summary>
    public static (double Bytes, double Flops) PerToken(Models.ModelShape model, long depth)
    {
        ArgumentNullException.ThrowIfNull(model);
        var bytes = model.StreamedWeightBytes + ((double)MemoryEstimate.KvBytesPerToken(model, KvCacheType.F16) * depth);
        return (bytes, RooflineModel.FlopsPerToken(model, depth));
    }
}
