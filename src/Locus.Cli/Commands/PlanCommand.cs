using System.CommandLine;
using Locus.Cli.Terminal;
using Locus.Hardware.Devices;
using Locus.Hardware.Fit;
using Locus.Hardware.Performance;
using Locus.Hardware.Planning;

using Locus.Node.Benchmarking;

namespace Locus.Cli.Commands;

/// <summary>`locus plan`: will a model fit on a device, and how fast will it run (docs/planner.md).</summary>
internal static class PlanCommand
{
    public static Command Create()
    {
        var o = new PlanOptions();
        var command = new Command("plan", "Predict memory fit, generation and prompt speed of a model on a device, before downloading it")
        {
            o.Device, o.Bandwidth, o.Tflops, o.Memory, o.Model, o.ParamsB, o.Quant, o.Context, o.PromptTokens, o.KvType, o.Json,
            o.ListDevices, o.Validate, o.Markdown, o.Config, o.Calibration,
        };
        command.SetAction((parse, cancellationToken) => CliErrors.Run(() =>
        {
            var catalog = PlanFiles.Catalog(parse.GetValue(o.Config));
            var json = parse.GetValue(o.Json);
            if (parse.GetValue(o.ListDevices))
            {
                DeviceListOutput.Print(catalog, json);
                return Task.FromResult(0);
            }

            if (parse.GetValue(o.Validate) is { } csv)
            {
                var report = ValidationReport.Run(PlanFiles.ReadCsv(csv), catalog);
                ValidationOutput.Print(report, json, parse.GetValue(o.Markdown));
                return Task.FromResult(0);
            }

            var inputs = new PlanInputs(catalog, PlanFiles.Flag);
            var device = inputs.Device(parse.GetValue(o.Device), parse.GetValue(o.Bandwidth), parse.GetValue(o.Tflops), parse.GetValue(o.Memory));
            var model = inputs.Model(parse.GetValue(o.Model), parse.GetValue(o.ParamsB), parse.GetRequiredValue(o.Quant));
            var kv = inputs.KvType(parse.GetRequiredValue(o.KvType));
            var request = new PlanRequest(model, device, inputs.Positive(parse.GetValue(o.Context), "ctx"), inputs.Positive(parse.GetValue(o.PromptTokens), "prompt_tokens"), kv);
            if (parse.GetValue(o.Calibration) is { } calibration)
            {
                request = request with { Efficiency = SyntheticFiles.ReadCalibration(calibration).Efficiency };
            }

            var plan = Planner.Run(request);
            if (json)
            {
                Console.WriteLine(PlanJson.Write(plan));
            }
            else
            {
                PlanOutput.Print(plan);
            }

            return Task.FromResult(0);
        }));
        return command;
    }

    /// <summary>The command's options, in one place so Create stays readable.</summary>
    private sealed class PlanOptions
    {
        public Option<string?> Device { get; } = new("--device", "-d") { Description = "Device profile (see --list-devices), or 'this' to detect this machine and measure its bandwidth", HelpName = "PROFILE" };
        public Option<double?> Bandwidth { get; } = new("--bandwidth-gbs") { Description = "Memory bandwidth in GB/s (a custom device, or overrides the profile's)" };
        public Option<double?> Tflops { get; } = new("--tflops") { Description = "Dense FP16 compute peak in TFLOPS (custom device or override)" };
        public Option<double?> Memory { get; } = new("--memory-gib") { Description = "Memory capacity in GiB (custom device or override)" };
        public Option<string?> Model { get; } = new("--model", "-m") { Description = "GGUF model file (only its header is read)", HelpName = "FILE" };
        public Option<double?> ParamsB { get; } = new("--params-b") { Description = "Model size in billions of parameters, instead of --model" };
        public Option<string> Quant { get; } = new("--quant", "-q") { Description = "Quantization with --params-b (Q4_K_M, Q4_0, Q8_0, F16, ...)", DefaultValueFactory = _ => "Q4_K_M" };
        public Option<long> Context { get; } = new("--ctx") { Description = "Context length in tokens", DefaultValueFactory = _ => 4096 };
        public Option<long> PromptTokens { get; } = new("--prompt-tokens", "-p") { Description = "Prompt size for prompt speed and time to first token", DefaultValueFactory = _ => 512 };
        public Option<string> KvType { get; } = new("--kv-type") { Description = "KV cache type: f16, q8_0 or q4_0", DefaultValueFactory = _ => "f16" };
        public Option<bool> Json { get; } = new("--json") { Description = "Print one JSON object" };
        public Option<bool> ListDevices { get; } = new("--list-devices") { Description = "List the device profiles (built-in and from config) with their sources" };
        public Option<string?> Validate { get; } = new("--validate") { Description = "Fit and check the model against a llama-bench CSV (e.g. ../shared/data/hardware/llama-bench-apple.csv)", HelpName = "CSV" };
        public Option<bool> Markdown { get; } = new("--markdown") { Description = "With --validate: print the table as Markdown" };
        public Option<string?> Config { get; } = CommonOptions.Config();
        public Option<string?> Calibration { get; } = new("--calibration") { Description = "Efficiency fitted to this machine by `locus bench --synthetic ... --save-calibration FILE` (use with --device this)", HelpName = "FILE" };
    }
}
