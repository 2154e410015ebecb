using System.Globalization;
using Locus.Core.Errors;
using Locus.Hardware.Devices;
using Locus.Hardware.Models;
using Locus.Hardware.Planning;

namespace Locus.Hardware.Thermal;

/// <summary>
/// Turns what a person asked for (`locus thermal` flags or <c>GET /v1/thermal</c> query parameters) into a
/// <see cref="ThermalRequest"/>, with errors that name the parameter. <paramref name="spell"/> writes a parameter name
/// the way the caller does (<c>target_tps</c> over HTTP, <c>--target-tps</c> on the command line).
/// </summary>
public sealed class ThermalInputs(DeviceCatalog catalog, Func<string, string> spell)
{
    /// <summary>Most steps one simulation may take (a day at 100 ms is 864,000).</summary>
    public const int MaxSteps = 1_000_000;

    private readonly PlanInputs _plan = new(catalog, spell);

    public ThermalEnvelope Envelope(string? id) =>
        id is null ? throw Invalid($"say which envelope: {spell("envelope")} {string.Join("|", ThermalEnvelopes.Ids)}", "envelope")
        : ThermalEnvelopes.Find(id) ?? throw Invalid($"unknown envelope '{id}'; known: {string.Join(", ", ThermalEnvelopes.Ids)}", "envelope");

    /// <summary>
    /// The envelope for a device named without one, from its form factor; boards without a fan (embedded,
    /// single-board) get the fanless preset, the nearest passive enclosure.
    /// </summary>
    public static ThermalEnvelope EnvelopeFor(DeviceProfile device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device.FormFactor switch
        {
            FormFactor.CooledLaptop => ThermalEnvelopes.CooledLaptop,
            FormFactor.Desktop => ThermalEnvelopes.DesktopGpu,
            FormFactor.Datacenter => ThermalEnvelopes.DatacenterGpu,
            _ => ThermalEnvelopes.FanlessLaptop,
        };
    }

    /// <summary>A device by name, checked to have a power envelope.</summary>
    public DeviceProfile Device(string name) => Simulable(Wrap("device", () => _plan.Device(name, null, null, null)));

    /// <summary>The named device, or the envelope's own silicon when none is named.</summary>
    public DeviceProfile Device(ThermalEnvelope envelope, string? name)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return name is not null ? Device(name)
            : Simulable(catalog.Find(envelope.DefaultDevice, out _) ?? throw new InvalidOperationException($"preset device {envelope.DefaultDevice} is not in the catalog"));
    }

    private static DeviceProfile Simulable(DeviceProfile device) => device.SustainedWatts.Value > 0 ? device
        : throw Invalid($"{device.Name} has no sustained power envelope to simulate (set sustained_watts in its profile)", "device");

    public ModelShape Model(string? file, double? paramsB, string quant) => Wrap("params_b", () => _plan.Model(file, paramsB, quant));

    /// <summary>The request, with every number checked; <paramref name="target"/> null means as fast as it goes.</summary>
    public ThermalRequest Request(ThermalEnvelope envelope, DeviceProfile device, ModelShape model, ThermalNumbers n)
    {
        ArgumentNullException.ThrowIfNull(n);
        if (n.TargetTps is { } t)
        {
            Check(t > 0 && t <= 1e6, "target_tps", $"must be a positive number of tokens/s, got {Text(t)}");
        }

        Check(n.Duty > 0 && n.Duty <= 1, "duty", $"is the share of time spent generating, in (0, 1]; got {Text(n.Duty)}");
        Check(n.AmbientC is >= -40 and <= 60, "ambient_c", $"must be between -40 and 60 °C, got {Text(n.AmbientC)}");
        Check(n.AmbientC < device.JunctionLimitC.Value - 5, "ambient_c", $"must be well below {device.Name}'s junction limit ({Text(device.JunctionLimitC.Value)} °C)");
        Check(n.Minutes > 0, "minutes", $"must be positive, got {Text(n.Minutes)}");
        Check(n.StepMs is >= 1 and <= 60_000, "step_ms", $"must be between 1 and 60000 ms, got {Text(n.StepMs)}");
        Check(n.Context > 0, "ctx", $"must be positive, got {n.Context}");
        var request = new ThermalRequest(envelope, device, model)
        {
            TargetTokensPerSecond = n.TargetTps,
            Duty = n.Duty,
            AmbientC = n.AmbientC,
            DurationSeconds = n.Minutes * 60,
            StepSeconds = n.StepMs / 1000,
            Context = n.Context,
            Depth = Math.Min(512, n.Context),
        };
        Check(request.Steps <= MaxSteps, "minutes", $"and {spell("step_ms")} give {request.Steps:N0} steps; at most {MaxSteps:N0} (use a longer step)");
        return request;
    }

    private void Check(bool ok, string name, string what)
    {
        if (!ok)
        {
            throw Invalid($"{spell(name)} {what}", name);
        }
    }

    /// <summary>Planner errors (unknown device or quantization) with the parameter they are about.</summary>
    private static T Wrap<T>(string param, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (LocusException e) when (e.Error.Param is null)
        {
            throw Invalid(e.Error.Message, param);
        }
    }

    private static string Text(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static LocusException Invalid(string message, string param) => new(LocusError.Invalid(message, param));
}
