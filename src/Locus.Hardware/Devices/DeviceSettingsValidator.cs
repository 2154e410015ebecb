using Locus.Core.Configuration;

namespace Locus.Hardware.Devices;

/// <summary>Rules over the whole <c>devices:</c> list, checked after each entry was read on its own.</summary>
internal static class DeviceSettingsValidator
{
    public static void Validate(DeviceSettings settings, ConfigDocument document)
    {
        // Lookup ignores case, spaces and dashes, so ids that differ only in those would shadow each other.
        foreach (var duplicate in settings.Profiles.GroupBy(p => DeviceNames.Normalize(p.Id)).Where(g => g.Count() > 1))
        {
            document.Report("devices", $"device id '{duplicate.First().Id}' is defined more than once");
        }
    }
}
