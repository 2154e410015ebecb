namespace Locus.Hardware.Thermal;

/// <summary>What sets the delivered tokens/s at a moment (the smallest of the candidate speeds).</summary>
public enum BindingLimit : byte
{
    /// <summary>The target is met; nothing binds.</summary>
    Target,

    /// <summary>Roofline at full clocks, memory side (bandwidth, host bandwidth or per-layer overhead).</summary>
    Bandwidth,

    /// <summary>Roofline at full clocks, compute side.</summary>
    Compute,

    /// <summary>The package power cap (the device's sustained watts).</summary>
    PowerCap,

    /// <summary>The throttle controller holding the junction at or under its limit.</summary>
    Thermal,
}

public static class BindingLimits
{
    /// <summary>The contract's name: target, bandwidth, compute, power_cap, thermal.</summary>
    public static string Name(this BindingLimit limit) => limit switch
    {
        BindingLimit.PowerCap => "power_cap",
        _ => limit.ToString().ToLowerInvariant(),
    };
}
