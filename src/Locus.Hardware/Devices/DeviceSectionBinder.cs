using Locus.Core.Configuration;

namespace Locus.Hardware.Devices;

/// <summary>
/// Binds the <c>devices:</c> list entry by entry (<see cref="DeviceEntryBinder"/>), then checks the list as a whole
/// (<see cref="DeviceSettingsValidator"/>). Every problem is reported with its key path (<c>devices[0].tflops</c>).
/// </summary>
internal sealed class DeviceSectionBinder : IConfigSection<DeviceSettings>
{
    private const string ExpectedEntry = "expected a mapping (id, bandwidth_gbs, memory_gib, tflops, ...)";

    public IReadOnlyList<string> Keys { get; } = new string[] { "devices" };

    public DeviceSettings Bind(ConfigDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var entries = document.Root.MapList("devices", "expected a list of device profiles", ExpectedEntry) ?? [];
        var settings = new DeviceSettings
        {
            Profiles = [.. entries.Select(entry => new DeviceEntryBinder(entry, document).Bind()).OfType<DeviceProfile>()],
        };
        DeviceSettingsValidator.Validate(settings, document);
        return settings;
    }
}
