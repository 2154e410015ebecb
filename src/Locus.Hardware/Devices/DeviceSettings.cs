using Locus.Core.Configuration;

namespace Locus.Hardware.Devices;

/// <summary>The <c>devices:</c> section: the user's own device profiles, each replacing a built-in with the same id.</summary>
public sealed record DeviceSettings
{
    /// <summary>The section's binder and validator.</summary>
    public static IConfigSection<DeviceSettings> Section { get; } = new DeviceSectionBinder();

    /// <summary>The profiles in the order written; every value the user gives is sourced to its line in the file.</summary>
    public IReadOnlyList<DeviceProfile> Profiles { get; init; } = [];
}
