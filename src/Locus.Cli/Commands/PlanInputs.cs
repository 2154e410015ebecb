using System.Globalization;
using Locus.Core.Errors;
using Locus.Gguf;
using Locus.Hardware.Detection;
using Locus.Hardware.Devices;
using Locus.Hardware.Fit;
using Locus.Hardware.Models;
using Locus.Hardware.Performance;

namespace Locus.Cli.Commands;

/// <summary>Turns `locus plan` flags into a device profile and a model shape, with errors that say what to pass.</summary>
internal static class PlanInputs
{
    /// <summary>FLOP per byte of bandwidth assumed when only --bandwidth-gbs is given: Apple M-series GPUs have about 36.</summary>
    private const double AssumedFlopsPerByte = 36;

    public static DeviceCatalog Catalog(string? configPath) =>
        RoutingConfig.FindFile(configPath) is { } file ? DeviceCatalog.BuiltIn.With(DeviceConfigReader.ReadFile(file)) : DeviceCatalog.BuiltIn;

    public static DeviceProfile Device(DeviceCatalog catalog, string? name, double? bandwidth, double? tflops, double? memory)
    {
        DeviceProfile profile;
        if (string.Equals(name, ThisMachine.Id, StringComparison.OrdinalIgnoreCase))
            profile = ThisMachine.Profile(MachineDetector.Detect(), BandwidthProbe.Measure(TimeSpan.FromSeconds(1)));
        else if (name is not null)
        {
            profile = catalog.Find(name, out var close) ?? throw Invalid(
                $"unknown device '{name}'. Did you mean {string.Join(", ", close)}? (locus plan --list-devices lists them all; 'this' measures this machine)");
        }
        else if (bandwidth is not null)
        {
            var machine = MachineDetector.Detect();
            profile = new DeviceProfile
            {
                Id = "custom",
                Name = "custom device",
                MemoryKind = MemoryKind.Unified,
                FormFactor = FormFactor.Desktop,
                MemoryGib = Sourced.Assumed(machine.MemoryBytes / (1024.0 * 1024 * 1024), "--memory-gib not given: this machine's RAM"),
                BandwidthGbs = Sourced.Given(bandwidth.Value, "--bandwidth-gbs"),
                Tflops = Sourced.Assumed(bandwidth.Value * AssumedFlopsPerByte / 1000, "--tflops not given: 36 FLOP per byte of bandwidth, as Apple M-series GPUs"),
                SustainedWatts = Sourced.Assumed(0, "not given"),
                JunctionLimitC = Sourced.Assumed(95, "not given"),
            };
        }
        else
            throw Invalid("say which device: --device PROFILE (see --list-devices), --device this, or --bandwidth-gbs X");

        if (bandwidth is { } b)
            profile = profile with { BandwidthGbs = Sourced.Given(Positive(b, "--bandwidth-gbs"), "--bandwidth-gbs") };
        if (tflops is { } t)
            profile = profile with { Tflops = Sourced.Given(Positive(t, "--tflops"), "--tflops") };
        if (memory is { } m)
            profile = profile with { MemoryGib = Sourced.Given(Positive(m, "--memory-gib"), "--memory-gib") };
        return profile;
    }

    public static ModelShape Model(string? file, double? paramsB, string quant)
    {
        if (file is not null && paramsB is not null)
            throw Invalid("pass either --model FILE or --params-b N, not both");
        if (file is not null)
        {
            if (!File.Exists(file))
                throw Invalid($"model file not found: {file}");
            try
            {
                return GgufModelShape.From(GgufReader.Read(file), Path.GetFileName(file));
            }
            catch (Exception e) when (e is GgufFormatException or ArgumentException or IOException)
            {
                throw Invalid($"cannot plan for {file}: {e.Message}");
            }
        }

        if (paramsB is not { } n)
            throw Invalid("say which model: --model FILE.gguf, or --params-b N with --quant Q");
        if (!QuantTable.TryGet(quant, out var bits))
            throw Invalid($"unknown quantization '{quant}'; known: {string.Join(", ", QuantTable.Names)}");
        return ArchitecturePresets.Shape(Positive(n, "--params-b"), quant, bits);
    }

    public static KvCacheType KvType(string text) => KvCacheTypes.TryParse(text, out var type)
        ? type
        : throw Invalid($"--kv-type must be f16, q8_0 or q4_0, not '{text}'");

    public static IReadOnlyList<BenchRow> ReadCsv(string path)
    {
        try
        {
            return BenchCsv.Read(path);
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            throw Invalid($"cannot read {path}: {e.Message}");
        }
    }

    public static T Positive<T>(T value, string flag) where T : System.Numerics.INumber<T> =>
        value > T.Zero ? value : throw Invalid($"{flag} must be positive, got {value.ToString(null, CultureInfo.InvariantCulture)}");

    private static LocusException Invalid(string message) => new(LocusError.Invalid(message));
}
