using System.Globalization;
using System.Numerics;
using Locus.Core.Errors;
using Locus.Gguf;
using Locus.Hardware.Detection;
using Locus.Hardware.Devices;
using Locus.Hardware.Fit;
using Locus.Hardware.Models;

namespace Locus.Hardware.Planning;

/// <summary>
/// Turns what a person asked for (CLI flags or HTTP query parameters) into a device profile and a model shape, with
/// errors that say what to pass. <paramref name="spell"/> turns a parameter name (<c>bandwidth_gbs</c>) into how the
/// caller writes it (<c>--bandwidth-gbs</c> on the command line).
/// </summary>
public sealed class PlanInputs(DeviceCatalog catalog, Func<string, string> spell)
{
    /// <summary>FLOP per byte of bandwidth assumed when only a bandwidth is given: Apple M-series GPUs have about 36.</summary>
    private const double AssumedFlopsPerByte = 36;

    /// <summary>A catalog profile, <c>this</c> (detected and measured), or a custom device from a bandwidth; then overrides.</summary>
    public DeviceProfile Device(string? name, double? bandwidth, double? tflops, double? memory)
    {
        DeviceProfile profile;
        if (string.Equals(name, ThisMachine.Id, StringComparison.OrdinalIgnoreCase))
        {
            profile = ThisMachine.Profile(MachineDetector.Detect(), BandwidthProbe.Measure(TimeSpan.FromSeconds(1)));
        }
        else if (name is not null)
        {
            profile = catalog.Find(name, out var close) ?? throw Invalid(
                $"unknown device '{name}'. Did you mean {string.Join(", ", close)}? (`locus plan --list-devices` lists them all; 'this' measures this machine)");
        }
        else if (bandwidth is not null)
        {
            profile = Custom(bandwidth.Value);
        }
        else
        {
            throw Invalid($"say which device: {spell("device")} PROFILE, {spell("device")} this, or {spell("bandwidth_gbs")} X");
        }

        if (bandwidth is { } b)
        {
            profile = profile with { BandwidthGbs = Sourced.Given(Positive(b, "bandwidth_gbs"), spell("bandwidth_gbs")) };
        }

        if (tflops is { } t)
        {
            profile = profile with { Tflops = Sourced.Given(Positive(t, "tflops"), spell("tflops")) };
        }

        if (memory is { } m)
        {
            profile = profile with { MemoryGib = Sourced.Given(Positive(m, "memory_gib"), spell("memory_gib")) };
        }

        return profile;
    }

    /// <summary>A model from a GGUF header, or from a parameter count and quantization name.</summary>
    public ModelShape Model(string? file, double? paramsB, string quant)
    {
        if (file is not null && paramsB is not null)
        {
            throw Invalid($"pass either {spell("model")} FILE or {spell("params_b")} N, not both");
        }

        if (file is not null)
        {
            if (!File.Exists(file))
            {
                throw Invalid($"model file not found: {file}");
            }

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
        {
            throw Invalid($"say which model: {spell("model")} FILE.gguf, or {spell("params_b")} N with {spell("quant")} Q");
        }

        if (!QuantTable.TryGet(quant, out var bits))
        {
            throw Invalid($"unknown quantization '{quant}'; known: {string.Join(", ", QuantTable.Names)}");
        }

        return ArchitecturePresets.Shape(Positive(n, "params_b"), quant, bits);
    }

    public KvCacheType KvType(string text) => KvCacheTypes.TryParse(text, out var type)
        ? type
        : throw Invalid($"{spell("kv_type")} must be f16, q8_0 or q4_0, not '{text}'");

    public T Positive<T>(T value, string name) where T : INumber<T> =>
        value > T.Zero ? value : throw Invalid($"{spell(name)} must be positive, got {value.ToString(null, CultureInfo.InvariantCulture)}");

    private DeviceProfile Custom(double bandwidth)
    {
        var machine = MachineDetector.Detect();
        return new DeviceProfile
        {
            Id = "custom",
            Name = "custom device",
            MemoryKind = MemoryKind.Unified,
            FormFactor = FormFactor.Desktop,
            MemoryGib = Sourced.Assumed(machine.MemoryBytes / (1024.0 * 1024 * 1024), $"{spell("memory_gib")} not given: this machine's RAM"),
            BandwidthGbs = Sourced.Given(bandwidth, spell("bandwidth_gbs")),
            Tflops = Sourced.Assumed(bandwidth * AssumedFlopsPerByte / 1000, $"{spell("tflops")} not given: 36 FLOP per byte of bandwidth, as Apple M-series GPUs"),
            SustainedWatts = Sourced.Assumed(0, "not given; no thermal model for a custom device"),
            JunctionLimitC = Sourced.Assumed(95, "not given; a common silicon throttle point"),
        };
    }

    private static LocusException Invalid(string message) => new(LocusError.Invalid(message));
}
