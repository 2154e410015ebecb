namespace Locus.Hardware.Placement;

/// <summary>Where to run a workload.</summary>
public enum Site
{
    /// <summary>A hosted API.</summary>
    Cloud,

    /// <summary>The device the person has in hand (the <c>--device</c> planned for).</summary>
    Local,

    /// <summary>A machine the person owns nearby (home or office server): private and low-latency, but not this device.</summary>
    Edge,
}
