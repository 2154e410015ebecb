namespace Locus.Hardware.Devices;

/// <summary>
/// What the planner needs to know about one device. Memory in GiB (vendors' "GB" of RAM are binary), bandwidth in GB/s
/// (decimal, as vendors quote it), compute as dense FP16 TFLOPS (FP32 where the GPU runs FP16 at the same rate).
/// </summary>
public sealed record DeviceProfile
{
    /// <summary>Short id used on the command line, e.g. <c>apple-m2-max</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Display name, e.g. <c>Apple M2 Max</c>.</summary>
    public required string Name { get; init; }

    public required MemoryKind MemoryKind { get; init; }

    public required FormFactor FormFactor { get; init; }

    /// <summary>Accelerator (or unified) memory capacity, GiB.</summary>
    public required Sourced MemoryGib { get; init; }

    /// <summary>Accelerator (or unified) memory bandwidth, GB/s.</summary>
    public required Sourced BandwidthGbs { get; init; }

    /// <summary>Dense FP16 compute peak, TFLOPS.</summary>
    public required Sourced Tflops { get; init; }

    /// <summary>GPU core count, when compute scales with it (Apple): lets a measured row with another core count rescale compute.</summary>
    public Sourced? GpuCores { get; init; }

    /// <summary>Host RAM beside discrete VRAM, GiB (layers that do not fit are kept there).</summary>
    public Sourced? HostMemoryGib { get; init; }

    /// <summary>Host RAM bandwidth, GB/s (how fast offloaded layers are read on the CPU).</summary>
    public Sourced? HostBandwidthGbs { get; init; }

    /// <summary>Sustained power envelope of the package or board, W (the thermal part's power cap).</summary>
    public required Sourced SustainedWatts { get; init; }

    /// <summary>Junction temperature at which the device throttles, °C (the thermal part's limit).</summary>
    public required Sourced JunctionLimitC { get; init; }

    /// <summary>Every value with its name, for listing sources and checking none is missing.</summary>
    public IEnumerable<(string Name, Sourced Value)> Values()
    {
        yield return ("memory_gib", MemoryGib);
        yield return ("bandwidth_gbs", BandwidthGbs);
        yield return ("tflops", Tflops);
        if (GpuCores is not null)
        {
            yield return ("gpu_cores", GpuCores);
        }

        if (HostMemoryGib is not null)
        {
            yield return ("host_memory_gib", HostMemoryGib);
        }

        if (HostBandwidthGbs is not null)
        {
            yield return ("host_bandwidth_gbs", HostBandwidthGbs);
        }

        yield return ("sustained_watts", SustainedWatts);
        yield return ("junction_limit_c", JunctionLimitC);
    }
}
