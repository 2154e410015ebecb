namespace Locus.Hardware.Devices;

/// <summary>Whether the accelerator shares one memory with the CPU or has its own (and then host RAM is the overflow).</summary>
public enum MemoryKind
{
    /// <summary>One memory for CPU and GPU (Apple Silicon, Strix Halo, Jetson, a CPU-only machine).</summary>
    Unified,

    /// <summary>Accelerator VRAM/HBM plus separate host RAM over PCIe or NVLink-C2C.</summary>
    Discrete,
}

/// <summary>The enclosure, which sets how much heat can leave: the thermal simulation's presets key on it.</summary>
public enum FormFactor
{
    FanlessLaptop,
    CooledLaptop,
    Desktop,
    Datacenter,
    Embedded,
    SingleBoard,
}
