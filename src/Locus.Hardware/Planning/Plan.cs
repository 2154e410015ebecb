using Locus.Hardware.Fit;

namespace Locus.Hardware.Planning;

/// <summary>Which limit sets a speed.</summary>
public enum Limit
{
    /// <summary>The model does not fit even with host RAM.</summary>
    Memory,

    /// <summary>Decode streams weights from fast memory.</summary>
    Bandwidth,

    /// <summary>Part of the weights stream from host RAM (discrete GPU with partial offload).</summary>
    HostBandwidth,

    /// <summary>Fixed per-layer costs dominate (small models on fast memory).</summary>
    Overhead,

    /// <summary>Prompt processing is compute-bound.</summary>
    Compute,
}

/// <summary>The planner's answer.</summary>
/// <param name="Request">What was asked.</param>
/// <param name="Memory">Memory fit at the requested context.</param>
/// <param name="DecodeTokensPerSecond">Generation speed right after the prompt (KV depth = prompt tokens); 0 when it does not fit.</param>
/// <param name="PrefillTokensPerSecond">Prompt processing speed for the prompt; 0 when it does not fit.</param>
/// <param name="TimeToFirstTokenSeconds">Prompt processing plus one decode step.</param>
/// <param name="DecodeLimit">What limits generation.</param>
public sealed record Plan(
    PlanRequest Request,
    MemoryFit Memory,
    double DecodeTokensPerSecond,
    double PrefillTokensPerSecond,
    double TimeToFirstTokenSeconds,
    Limit DecodeLimit)
{
    public Limit PrefillLimit => Memory.FitsWithHostMemory ? Limit.Compute : Limit.Memory;

    /// <summary>The requested context is longer than the model was trained for (quality, not memory, is then at risk).</summary>
    public bool ExceedsTrainedContext => Request.Model.TrainedContext is { } trained && Request.Context > trained;
}
