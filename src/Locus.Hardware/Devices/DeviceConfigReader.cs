using Locus.Core.Configuration;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Locus.Hardware.Devices;

/// <summary>
/// Reads user device profiles from the <c>devices:</c> list of a Locus config file. Every problem is reported with its
/// key path (<c>devices[0].bandwidth_gbs</c>) and line, all at once; a value the user gives is sourced to the file.
/// </summary>
public static class DeviceConfigReader
{
    /// <summary>The profiles in <paramref name="file"/>'s <c>devices:</c> section (none when it has none).</summary>
    /// <exception cref="ConfigurationException">The section is malformed; every problem listed.</exception>
    public static IReadOnlyList<DeviceProfile> ReadFile(string file)
    {
        ArgumentNullException.ThrowIfNull(file);
        try
        {
            return Parse(File.ReadAllText(file), file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException([new ConfigurationError(null, $"cannot read config file {file}: {ex.Message}")]);
        }
    }

    public static IReadOnlyList<DeviceProfile> Parse(string yaml, string file)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new ConfigurationException([new ConfigurationError(null, "invalid YAML", $"in {file}, line {ex.Start.Line}")]);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("devices"), out var section) || IsNull(section))
        {
            return [];
        }

        var errors = new List<ConfigurationError>();
        var profiles = new List<DeviceProfile>();
        if (section is not YamlSequenceNode list)
        {
            errors.Add(new ConfigurationError("devices", "expected a list of device profiles", At(file, section)));
        }
        else
        {
            for (var i = 0; i < list.Children.Count; i++)
            {
                var entry = new DeviceEntryReader(list.Children[i], $"devices[{i}]", file, errors);
                if (entry.Read() is { } profile)
                {
                    profiles.Add(profile);
                }
            }
        }

        foreach (var duplicate in profiles.GroupBy(p => DeviceNames.Normalize(p.Id)).Where(g => g.Count() > 1))
        {
            errors.Add(new ConfigurationError("devices", $"device id '{duplicate.First().Id}' is defined more than once", $"in {file}"));
        }

        return errors.Count == 0 ? profiles : throw new ConfigurationException(errors);
    }

    internal static string At(string file, YamlNode node) => $"in {file}, line {node.Start.Line}";

    internal static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };
}
