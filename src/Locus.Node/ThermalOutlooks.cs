using Locus.Core.Abstractions;
using Locus.Core.Configuration;
using Locus.Hardware.Devices;
using Locus.Hardware.Sensors;
using Locus.Hardware.Thermal;
using Locus.Hardware.Thermal.Live;
using Locus.Routing.Options;
using Locus.Routing.Runtime;
using Locus.Routing.Targets;

namespace Locus.Node;

/// <summary>
/// Builds the router's thermal outlook from <c>routing.thermal</c>. Without the section, a machine with readable
/// sensors still gets the signal from them (it only makes latency predictions honest); the simulation runs only when
/// asked for, because a simulated device that is not this one should not steer real traffic by default.
/// </summary>
internal static class ThermalOutlooks
{
    /// <summary>Overrides where sysfs is read (tests point it at a directory laid out like /sys).</summary>
    public const string SysfsRootVariable = "LOCUS_SYSFS_ROOT";

    public static LiveThermalOutlook? Create(RouterConfig config, IReadOnlyList<RouteTarget> targets, NodeSettings settings)
    {
        var options = config.Routing.Thermal;
        var source = options?.Source ?? ThermalSource.Sensors;
        if (source == ThermalSource.Off || targets.All(t => !t.OnDevice))
        {
            return null;
        }

        var sensors = new ThermalSensors(settings.Environment(SysfsRootVariable) ?? "/sys");
        var readable = sensors.Tightest() is not null;
        if (!readable && source == ThermalSource.Sensors)
        {
            return null;
        }

        var (envelope, device) = Resolve(options);
        var loads = targets.Where(t => t.OnDevice).Select(t => t.Load).OfType<ILoadInfo>().ToArray();
        return new LiveThermalOutlook(envelope, device, () => loads.Any(l => l.Running > 0), settings.Time,
            readable && source != ThermalSource.Simulation ? sensors : null);
    }

    private static (ThermalEnvelope Envelope, DeviceProfile Device) Resolve(ThermalOptions? options)
    {
        DeviceProfile? device = null;
        if (options?.Device is { } id)
        {
            device = DeviceCatalog.BuiltIn.Find(id, out var near) ?? throw Fail("device",
                $"unknown device '{id}'" + (near.Count > 0 ? $"; did you mean {string.Join(", ", near)}?" : "; `locus plan --list-devices` lists them"));
        }

        var envelopeId = options?.Envelope ?? (device is null ? ThermalEnvelopes.CooledLaptop : ThermalInputs.EnvelopeFor(device)).Id;
        var envelope = ThermalEnvelopes.Find(envelopeId)
            ?? throw Fail("envelope", $"unknown envelope '{envelopeId}'; use one of {string.Join(", ", ThermalEnvelopes.Ids)}");
        device ??= DeviceCatalog.BuiltIn.Find(envelope.DefaultDevice, out _)
            ?? throw new InvalidOperationException($"envelope {envelope.Id} names unknown device {envelope.DefaultDevice}");
        return (envelope, device);
    }

    private static ConfigurationException Fail(string key, string message) =>
        new([new ConfigurationError("routing.thermal." + key, message)]);
}
