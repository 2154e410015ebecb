using Locus.Core.Configuration;
using Locus.Core.Errors;
using Locus.Hardware.Devices;
using Locus.Hardware.Performance;
using Locus.Node.Configuration;

namespace Locus.Cli.Commands;

/// <summary>The files `locus plan` reads: the config's device profiles and a llama-bench CSV to validate against.</summary>
internal static class PlanFiles
{
    public static DeviceCatalog Catalog(string? configPath)
    {
        // devices: has no environment layer, so without a config file the profiles are the built-in ones; not opening
        // the config then spares plan, thermal and place the YAML parser's start-up.
        var sources = CommonOptions.Sources(configPath);
        return ConfigDocument.HasFile(sources) ? Catalog(NodeConfig.Load(sources, DeviceSettings.Section)) : DeviceCatalog.BuiltIn;
    }

    /// <summary>The built-in profiles and the config's own (which replace a built-in with the same id).</summary>
    public static DeviceCatalog Catalog(DeviceSettings devices) =>
        devices.Profiles.Count == 0 ? DeviceCatalog.BuiltIn : DeviceCatalog.BuiltIn.With(devices.Profiles);

    /// <summary>A command-line flag for a parameter name: <c>bandwidth_gbs</c> → <c>--bandwidth-gbs</c>.</summary>
    public static string Flag(string name) => name == "model" ? "--model" : "--" + name.Replace('_', '-');

    public static IReadOnlyList<BenchRow> ReadCsv(string path)
    {
        try
        {
            return BenchCsv.Read(path);
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            throw new LocusException(LocusError.Invalid($"cannot read {path}: {e.Message}"));
        }
    }
}
