namespace Locus.Hardware.Fit;

/// <summary>
/// Whether a model fits, and how: bytes needed at the requested context, the largest context that fits in the fast
/// memory, and for a discrete GPU how many layers can live in VRAM (the rest in host RAM, read by the CPU).
/// </summary>
/// <param name="WeightBytes">Model weights.</param>
/// <param name="KvBytes">KV cache at the requested context.</param>
/// <param name="ComputeBytes">Compute buffers (estimate; see <see cref="MemoryEstimate"/>).</param>
/// <param name="UsableBytes">Fast memory the model may use (unified: the GPU working-set share; discrete: VRAM less a reserve).</param>
/// <param name="Fits">Everything at the requested context fits in <paramref name="UsableBytes"/>.</param>
/// <param name="MaxContext">Largest context that fits (capped at the model's trained context); 0 when not even the weights fit.</param>
/// <param name="GpuLayers">Discrete GPUs: layers that fit in VRAM (equal to <paramref name="Layers"/> when all do); unified: all.</param>
/// <param name="Layers">The model's layer count.</param>
/// <param name="FitsWithHostMemory">Discrete GPUs: VRAM plus host RAM hold it (partial offload); unified: same as <paramref name="Fits"/>.</param>
public sealed record MemoryFit(
    long WeightBytes,
    long KvBytes,
    long ComputeBytes,
    long UsableBytes,
    bool Fits,
    long MaxContext,
    int GpuLayers,
    int Layers,
    bool FitsWithHostMemory)
{
    public long TotalBytes => WeightBytes + KvBytes + ComputeBytes;

    /// <summary>Fraction of the weights held in VRAM (1 for unified memory or full offload).</summary>
    public double GpuFraction => Layers == 0 ? 1 : (double)GpuLayers / Layers;
}
