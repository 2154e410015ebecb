namespace Locus.Hardware.Performance;

/// <summary>
/// How far real llama.cpp runs fall short of the roofline, as fitted to measured data (docs/planner.md).
/// </summary>
/// <param name="DecodeBandwidth">Share of peak memory bandwidth decode achieves while streaming weights and KV.</param>
/// <param name="DecodeLayerOverheadSeconds">Fixed time per layer per token (kernel launches, synchronisation) that no bandwidth removes.</param>
/// <param name="PrefillCompute">Share of peak FP16 compute prompt processing achieves.</param>
public sealed record Efficiency(double DecodeBandwidth, double DecodeLayerOverheadSeconds, double PrefillCompute)
{
    /// <summary>
    /// Fitted on ../shared/data/hardware/llama-bench-apple.csv (12 decode rows, 4 prefill rows) by
    /// <see cref="EfficiencyFit"/>; <c>locus plan --validate</c> refits and prints these, and a test checks they still agree.
    /// </summary>
    public static Efficiency Fitted { get; } = new(0.8725, 0.0001521, 0.6922);
}
