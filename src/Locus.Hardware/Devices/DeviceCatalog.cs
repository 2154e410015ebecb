namespace Locus.Hardware.Devices;

/// <summary>
/// The built-in device profiles plus any from the user's config (<c>devices:</c>), which replace a built-in of the same id.
/// Lookup ignores case, spaces and dashes, accepts a unique suffix ("m2 max", "4090"), and suggests close names.
/// </summary>
public sealed class DeviceCatalog
{
    private static readonly Lazy<IReadOnlyList<DeviceProfile>> BuiltInProfiles = new(LoadBuiltIn);

    private DeviceCatalog(IReadOnlyList<DeviceProfile> profiles) => Profiles = profiles;

    /// <summary>The catalog shipped with Locus.</summary>
    public static DeviceCatalog BuiltIn { get; } = new(BuiltInProfiles.Value);

    public IReadOnlyList<DeviceProfile> Profiles { get; }

    /// <summary>This catalog with <paramref name="extra"/> added; an extra profile replaces a built-in with the same id.</summary>
    public DeviceCatalog With(IEnumerable<DeviceProfile> extra)
    {
        var added = extra.ToList();
        var ids = added.Select(p => DeviceNames.Normalize(p.Id)).ToHashSet();
        return new DeviceCatalog([.. Profiles.Where(p => !ids.Contains(DeviceNames.Normalize(p.Id))), .. added]);
    }

    /// <summary>The profile called <paramref name="name"/> (id or display name), or null with the closest names.</summary>
    public DeviceProfile? Find(string name, out IReadOnlyList<string> suggestions)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = DeviceNames.Normalize(name);
        suggestions = [];
        var exact = Profiles.FirstOrDefault(p => DeviceNames.Normalize(p.Id) == key || DeviceNames.Normalize(p.Name) == key);
        if (exact is not null)
        {
            return exact;
        }
        // A unique suffix ("m2 max", "4090"), else a unique part ("h100" for h100-sxm).
        var bySuffix = Matching(key, (name, k) => name.EndsWith(k, StringComparison.Ordinal));
        var byPart = bySuffix.Count == 0 ? Matching(key, (name, k) => name.Contains(k, StringComparison.Ordinal)) : bySuffix;
        if (byPart.Count == 1)
        {
            return byPart[0];
        }

        suggestions = byPart.Count > 1
            ? [.. byPart.Select(p => p.Id)]
            : [.. Profiles.OrderBy(p => Math.Min(DeviceNames.Distance(key, DeviceNames.Normalize(p.Id)), DeviceNames.Distance(key, DeviceNames.Normalize(p.Name))))
                .Take(3).Select(p => p.Id)];
        return null;
    }

    private List<DeviceProfile> Matching(string key, Func<string, string, bool> match) => key.Length == 0
        ? []
        : [.. Profiles.Where(p => match(DeviceNames.Normalize(p.Name), key) || match(DeviceNames.Normalize(p.Id), key))];

    private static IReadOnlyList<DeviceProfile> LoadBuiltIn()
    {
        using var stream = typeof(DeviceCatalog).Assembly.GetManifestResourceStream("Locus.Hardware.Devices.devices.json")
            ?? throw new InvalidOperationException("the device catalog resource is missing from Locus.Hardware");
        return DeviceCatalogJson.Read(stream);
    }
}
