using Locus.Hardware.Devices;
using Locus.Hardware.Thermal;

namespace Locus.Hardware.Tests.Thermal;

/// <summary>Builds simulations the way the CLI and endpoint do, from preset and model names.</summary>
internal static class Sim
{
    private static readonly ThermalInputs Inputs = new(DeviceCatalog.BuiltIn, name => name);

    public static ThermalRequest Request(string envelope, double paramsB = 8, double? target = null, string? device = null, double minutes = 30,
        double ambient = 25, double duty = 1, double stepMs = 100, string quant = "Q4_K_M")
    {
        var e = Inputs.Envelope(envelope);
        return Inputs.Request(e, Inputs.Device(e, device), Inputs.Model(null, paramsB, quant),
            new ThermalNumbers { TargetTps = target, Minutes = minutes, AmbientC = ambient, Duty = duty, StepMs = stepMs });
    }

    public static ThermalResult Run(string envelope, double paramsB = 8, double? target = null, string? device = null, double minutes = 30,
        double ambient = 25, double duty = 1, double stepMs = 100) =>
        ThermalSimulator.Run(Request(envelope, paramsB, target, device, minutes, ambient, duty, stepMs));

    public static DeviceProfile Device(string id) => DeviceCatalog.BuiltIn.Find(id, out _) ?? throw new InvalidOperationException(id);
}
