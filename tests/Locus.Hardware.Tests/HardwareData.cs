namespace Locus.Hardware.Tests;

/// <summary>
/// ../shared/data/hardware/llama-bench-apple.csv beside the folder holding Locus.slnx (never copied into the
/// repository). Tests that read it use <see cref="HardwareDataFactAttribute"/> and skip, saying why, without it.
/// </summary>
public static class HardwareData
{
    public const string MissingReason = "../shared/data/hardware/llama-bench-apple.csv (beside the folder holding Locus.slnx) is absent; the validation tests read it (see ../shared/data/README.md)";

    public static string? AppleCsv { get; } = Locate();

    private static string? Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Locus.slnx")))
            {
                var csv = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "hardware", "llama-bench-apple.csv"));
                return File.Exists(csv) ? csv : null;
            }
        }

        return null;
    }
}

/// <summary>A fact that reads the measured llama-bench CSV; skipped with <see cref="HardwareData.MissingReason"/> without it.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class HardwareDataFactAttribute : FactAttribute
{
    public HardwareDataFactAttribute()
    {
        if (HardwareData.AppleCsv is null)
        {
            Skip = HardwareData.MissingReason;
        }
    }
}
