using System.CommandLine;
using System.Text.Json.Nodes;
using Locus.Cli.Terminal;
using Locus.Core.Errors;
using Locus.Hardware.Thermal;

namespace Locus.Cli.Commands;

/// <summary>`locus thermal`: how hot a device runs a model at a target speed, and what that does to sustained tokens/s (docs/planner.md).</summary>
internal static class ThermalCommand
{
    public static Command Create()
    {
        var o = new ThermalOptions();
        var command = new Command("thermal", "Simulate junction temperature, power and delivered tokens/s over time for a model at a target speed")
        {
            o.Envelope, o.Device, o.Model, o.ParamsB, o.Quant, o.Context, o.TargetTps, o.Minutes, o.Duty, o.Ambient, o.StepMs,
            o.Csv, o.Json, o.Points, o.Config,
        };
        command.SetAction((parse, cancellationToken) => CliErrors.Run(() =>
        {
            var inputs = new ThermalInputs(PlanFiles.Catalog(parse.GetValue(o.Config)), PlanFiles.Flag);
            var (envelopeName, deviceName) = (parse.GetValue(o.Envelope), parse.GetValue(o.Device));
            var all = string.Equals(envelopeName, "all", StringComparison.OrdinalIgnoreCase);
            var envelopes = all ? ThermalEnvelopes.All
                : envelopeName is null && deviceName is not null ? [ThermalInputs.EnvelopeFor(inputs.Device(deviceName))]
                : [inputs.Envelope(envelopeName)];
            var model = inputs.Model(parse.GetValue(o.Model), parse.GetValue(o.ParamsB), parse.GetRequiredValue(o.Quant));
            var numbers = new ThermalNumbers
            {
                TargetTps = parse.GetValue(o.TargetTps),
                Duty = parse.GetValue(o.Duty),
                AmbientC = parse.GetValue(o.Ambient),
                Minutes = parse.GetValue(o.Minutes),
                StepMs = parse.GetValue(o.StepMs),
                Context = parse.GetValue(o.Context),
            };
            var points = parse.GetValue(o.Points);
            if (points < 2)
            {
                throw new LocusException(LocusError.Invalid($"--points must be at least 2, got {points}"));
            }

            var results = envelopes.Select(e => ThermalSimulator.Run(inputs.Request(e, inputs.Device(e, deviceName), model, numbers))).ToList();

            if (parse.GetValue(o.Csv) is { } csv)
            {
                WriteCsv(csv, results);
            }

            if (parse.GetValue(o.Json))
            {
                Console.WriteLine(all ? new JsonArray([.. results.Select(x => ThermalJson.ToJson(x, points))]).ToJsonString(new() { WriteIndented = true })
                    : ThermalJson.Write(results[0], points));
            }
            else if (parse.GetValue(o.Csv) != "-")
            {
                if (all)
                {
                    ThermalOutput.Compare(results);
                }
                else
                {
                    ThermalOutput.Print(results[0]);
                }
            }

            return Task.FromResult(0);
        }));
        return command;
    }

    private static void WriteCsv(string path, IReadOnlyList<ThermalResult> results)
    {
        if (path == "-")
        {
            ThermalCsv.Write(Console.Out, results);
            return;
        }

        try
        {
            using var writer = new StreamWriter(path);
            ThermalCsv.Write(writer, results);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LocusException(LocusError.Invalid($"cannot write {path}: {e.Message}"));
        }
    }

    /// <summary>The command's options, in one place so Create stays readable.</summary>
    private sealed class ThermalOptions
    {
        public Option<string?> Envelope { get; } = new("--envelope", "-e") { Description = $"Thermal preset: {string.Join(", ", ThermalEnvelopes.Ids)}, or 'all' to compare them (default: from --device's form factor)", HelpName = "PRESET" };
        public Option<string?> Device { get; } = new("--device", "-d") { Description = "Device profile (see locus plan --list-devices); replaces the preset's silicon", HelpName = "PROFILE" };
        public Option<string?> Model { get; } = new("--model", "-m") { Description = "GGUF model file (only its header is read)", HelpName = "FILE" };
        public Option<double?> ParamsB { get; } = new("--params-b") { Description = "Model size in billions of parameters, instead of --model" };
        public Option<string> Quant { get; } = new("--quant", "-q") { Description = "Quantization with --params-b (Q4_K_M, Q4_0, Q8_0, F16, ...)", DefaultValueFactory = _ => "Q4_K_M" };
        public Option<long> Context { get; } = new("--ctx") { Description = "Context length in tokens (memory fit)", DefaultValueFactory = _ => 4096 };
        public Option<double?> TargetTps { get; } = new("--target-tps", "-t") { Description = "Tokens/s asked for while generating (default: as fast as the device goes)" };
        public Option<double> Minutes { get; } = new("--minutes") { Description = "Simulated duration", DefaultValueFactory = _ => 30 };
        public Option<double> Duty { get; } = new("--duty") { Description = "Share of time spent generating, (0, 1]; idle power the rest", DefaultValueFactory = _ => 1 };
        public Option<double> Ambient { get; } = new("--ambient-c") { Description = "Ambient (or inlet) air temperature, °C", DefaultValueFactory = _ => 25 };
        public Option<double> StepMs { get; } = new("--step-ms") { Description = "Simulation step, ms", DefaultValueFactory = _ => 100 };
        public Option<string?> Csv { get; } = new("--csv") { Description = "Write every step as CSV to FILE, or to standard output with '-'", HelpName = "FILE|-" };
        public Option<bool> Json { get; } = new("--json") { Description = "Print the JSON object of GET /v1/thermal (an array with --envelope all)" };
        public Option<int> Points { get; } = new("--points") { Description = "With --json: samples in the time series", DefaultValueFactory = _ => ThermalJson.DefaultPoints };
        public Option<string?> Config { get; } = CommonOptions.Config();
    }
}
