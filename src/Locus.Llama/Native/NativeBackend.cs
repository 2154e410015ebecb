namespace Locus.Llama.Native;

/// <summary>What llama.cpp was asked to run on and what it runs on.</summary>
/// <param name="Requested">llama.backend: auto, cpu, cuda or vulkan.</param>
/// <param name="Build">The build loaded: cpu, cuda, vulkan, or custom (a configured folder).</param>
/// <param name="Folder">Where it was loaded from.</param>
/// <param name="Devices">The GPU devices it computes on, or the CPU's description when none.</param>
/// <param name="Fallback">Why it runs on the CPU although a GPU was asked for; null when it does not.</param>
public sealed record NativeBackend(string Requested, string Build, string Folder, string Devices, string? Fallback)
{
    /// <summary>Whether a GPU computes (some or all layers, as llama.gpu_layers says).</summary>
    public bool OnGpu => Build is "cuda" or "vulkan" && Fallback is null;
}
