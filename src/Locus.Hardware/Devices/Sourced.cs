namespace Locus.Hardware.Devices;

/// <summary>
/// A number with where it came from: a citation, or — when no public source was found — an assumption and why it
/// was made. The planner never uses a value that has neither.
/// </summary>
/// <param name="Value">The number, in the unit its property names.</param>
/// <param name="Source">The citation, or the reason for the assumption.</param>
/// <param name="IsAssumption">True when <paramref name="Source"/> explains an assumption rather than cites a source.</param>
public sealed record Sourced(double Value, string Source, bool IsAssumption = false)
{
    /// <summary>A value the user supplied (command line or config), which is its own source.</summary>
    public static Sourced Given(double value, string where) => new(value, where);

    /// <summary>An assumption with its reason.</summary>
    public static Sourced Assumed(double value, string reason) => new(value, reason, IsAssumption: true);

    /// <summary>"source: …" or "assumption: …", as printed next to the value.</summary>
    public string Note => (IsAssumption ? "assumption: " : "source: ") + Source;
}
