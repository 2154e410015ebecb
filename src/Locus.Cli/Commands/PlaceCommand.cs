using System.CommandLine;
using Locus.Cli.Terminal;
using Locus.Hardware.Devices;
using Locus.Hardware.Placement;
using Locus.Hardware.Planning;
using Locus.Node.Configuration;
using Locus.Routing.Options;

namespace Locus.Cli.Commands;

/// <summary>`locus place`: cloud, local or edge for a workload, with reasons and the monthly cost both ways (docs/planner.md).</summary>
internal static class PlaceCommand
{
    public static Command Create()
    {
        var o = new PlaceOptions();
        var command = new Command("place", "Advise where to run a workload (cloud, local or edge) and compare its monthly cost")
        {
            o.Private, o.Latency, o.Frontier, o.MonthlyTokens, o.Offline, o.Device, o.Bandwidth, o.Tflops, o.Memory, o.Model, o.ParamsB, o.Quant,
            o.Context, o.PromptTokens, o.HardwareUsd, o.AmortizeMonths, o.Electricity, o.CloudIn, o.CloudOut, o.OutputShare, o.Watts, o.Duty, o.Json, o.Config,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            // One read of the config file for both sections place uses: the cloud's price and the device profiles.
            var document = NodeConfig.Schema.Open(CommonOptions.Sources(parse.GetValue(o.Config)));
            var routing = document.Bind(RouterConfig.Section);
            var devices = document.Bind(DeviceSettings.Section);
            document.ThrowIfInvalid();
            var args = new PlacementArgs
            {
                Private = parse.GetValue(o.Private),
                LatencyMs = parse.GetValue(o.Latency),
                Frontier = parse.GetValue(o.Frontier),
                Offline = parse.GetValue(o.Offline),
                MonthlyTokens = parse.GetValue(o.MonthlyTokens),
                OutputShare = parse.GetValue(o.OutputShare),
                CloudUsdPerMInput = parse.GetValue(o.CloudIn),
                CloudUsdPerMOutput = parse.GetValue(o.CloudOut),
                ConfiguredPrice = ConfiguredPrice(routing, document.File),
                HardwareUsd = parse.GetValue(o.HardwareUsd),
                AmortizeMonths = parse.GetValue(o.AmortizeMonths),
                ElectricityUsdPerKwh = parse.GetValue(o.Electricity),
                Watts = parse.GetValue(o.Watts),
                Duty = parse.GetValue(o.Duty),
                Device = parse.GetValue(o.Device),
                BandwidthGbs = parse.GetValue(o.Bandwidth),
                Tflops = parse.GetValue(o.Tflops),
                MemoryGib = parse.GetValue(o.Memory),
                Model = parse.GetValue(o.Model),
                ParamsB = parse.GetValue(o.ParamsB),
                Quant = parse.GetRequiredValue(o.Quant),
                Context = parse.GetValue(o.Context),
                PromptTokens = parse.GetValue(o.PromptTokens),
            };
            var request = args.ToRequest(new PlanInputs(PlanFiles.Catalog(devices), PlanFiles.Flag), PlanFiles.Flag);
            var advice = PlacementAdvisor.Decide(request);
            if (parse.GetValue(o.Json))
            {
                Console.WriteLine(PlacementJson.Write(advice, request.Costs));
            }
            else
            {
                PlaceOutput.Print(advice, request.Costs);
            }

            return Task.FromResult(0);
        }).GetAwaiter().GetResult());
        return command;
    }

    /// <summary>The price of the config's first priced cloud target: the cloud the router would actually use.</summary>
    private static (double, double, string)? ConfiguredPrice(RouterConfig config, string? file)
    {
        if (file is null)
        {
            return null;
        }

        var preferred = config.Routing.CloudTargets.Select(config.FindTarget).OfType<TargetOptions>()
            .Concat(config.Targets.Where(t => t.Kind != TargetKind.Llama && !t.OnDevice));
        return preferred.FirstOrDefault(t => t.Price.Input > 0 || t.Price.Output > 0) is { } target
            ? ((double)target.Price.Input, (double)target.Price.Output, $"price of cloud target '{target.Name}' in {file}")
            : null;
    }

    private sealed class PlaceOptions
    {
        public Option<bool> Private { get; } = new("--private") { Description = "The data must stay on hardware you control" };
        public Option<double?> Latency { get; } = new("--latency-ms") { Description = "Time-to-first-token budget in ms (under 100 rules out the cloud)" };
        public Option<bool> Frontier { get; } = new("--frontier") { Description = "The task needs frontier-model capability" };
        public Option<double?> MonthlyTokens { get; } = new("--monthly-tokens") { Description = "Input + output tokens per month (default 10M, an assumption)" };
        public Option<bool> Offline { get; } = new("--offline") { Description = "It must work without a network" };
        public Option<string?> Device { get; } = new("--device", "-d") { Description = "The local device: a profile (locus plan --list-devices) or 'this'", HelpName = "PROFILE" };
        public Option<double?> Bandwidth { get; } = new("--bandwidth-gbs") { Description = "Memory bandwidth in GB/s (custom device or override)" };
        public Option<double?> Tflops { get; } = new("--tflops") { Description = "FP16 compute peak in TFLOPS (custom device or override)" };
        public Option<double?> Memory { get; } = new("--memory-gib") { Description = "Memory in GiB (custom device or override)" };
        public Option<string?> Model { get; } = new("--model", "-m") { Description = "GGUF model file for the local option (only its header is read)", HelpName = "FILE" };
        public Option<double?> ParamsB { get; } = new("--params-b") { Description = "Local model size in billions of parameters, instead of --model" };
        public Option<string> Quant { get; } = new("--quant", "-q") { Description = "Quantization with --params-b", DefaultValueFactory = _ => "Q4_K_M" };
        public Option<long> Context { get; } = new("--ctx") { Description = "Context length for the memory fit", DefaultValueFactory = _ => 4096 };
        public Option<long> PromptTokens { get; } = new("--prompt-tokens", "-p") { Description = "Prompt size for the local time to first token", DefaultValueFactory = _ => 512 };
        public Option<double?> HardwareUsd { get; } = new("--hardware-usd") { Description = "Price of the local hardware, USD (default: a rough price for its form factor)" };
        public Option<double?> AmortizeMonths { get; } = new("--amortize-months") { Description = "Months to pay the hardware off (default 36)" };
        public Option<double?> Electricity { get; } = new("--electricity-usd-kwh") { Description = "Electricity price, USD per kWh (default 0.30)" };
        public Option<double?> CloudIn { get; } = new("--cloud-usd-per-mtok-in") { Description = "Cloud price per million input tokens (default: the config's cloud target, else 3.00)" };
        public Option<double?> CloudOut { get; } = new("--cloud-usd-per-mtok-out") { Description = "Cloud price per million output tokens (default: the config's cloud target, else 15.00)" };
        public Option<double?> OutputShare { get; } = new("--output-share") { Description = "Share of the monthly tokens that are generated (default 0.25)" };
        public Option<double?> Watts { get; } = new("--watts") { Description = "Device power while working, W (default: the profile's sustained power)" };
        public Option<double?> Duty { get; } = new("--duty") { Description = "Share of the month the device may work on this (default 0.5)" };
        public Option<bool> Json { get; } = new("--json") { Description = "Print one JSON object" };
        public Option<string?> Config { get; } = CommonOptions.Config();
    }
}
