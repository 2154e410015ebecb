using System.CommandLine;
using System.Text.Json;
using Locus.Cli.Terminal;
using Locus.Hardware.Synthetic;
using Locus.Llama;
using Locus.Llama.Benchmarking;

using Locus.Node.Benchmarking;

namespace Locus.Cli.Commands;

/// <summary>
/// `locus bench`: prompt and generation speed of the in-process engine, measured like llama-bench (random prompt
/// tokens, greedy, exactly N generated tokens). Prints one JSON line per repetition for benchmarks/native-compare.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model", "-m") { Description = "GGUF model file (or --synthetic)", HelpName = "PATH", Recursive = false };
        var prompt = new Option<int>("--prompt-tokens", "-p") { Description = "Prompt length in tokens (64 with --synthetic)", DefaultValueFactory = _ => 256 };
        var generate = new Option<int>("--gen-tokens", "-n") { Description = "Tokens to generate (32 with --synthetic)", DefaultValueFactory = _ => 128 };
        var threads = new Option<int>("--threads", "-t") { Description = "llama.cpp threads (set it explicitly when comparing)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var reps = new Option<int>("--reps", "-r") { Description = "Measured repetitions, after warm-up runs (3 with --synthetic)", DefaultValueFactory = _ => 5 };
        var batch = new Option<int>("--batch", "-b") { Description = "Prompt batch size", DefaultValueFactory = _ => 512 };
        var http = new Option<bool>("--http") { Description = "Instead: streamed generation in-process vs through the HTTP server (interleaved)" };
        var logprobs = new Option<bool>("--logprobs") { Description = "Also measure every token's log probability and entropy (the confidence cascade's cost)" };
        var backend = new Option<string>("--backend")
        {
            Description = "llama.cpp build to run on: auto, cpu, cuda or vulkan (as llama.backend)",
            DefaultValueFactory = _ => "auto",
        };
        backend.AcceptOnlyFromAmong([.. Core.Configuration.LlamaOptions.Backends]);
        var gpuLayers = new Option<int>("--gpu-layers") { Description = "Layers to offload to a GPU (-1 = all, 0 = none)", DefaultValueFactory = _ => -1 };

        var synthetic = new SyntheticOptions();

        var command = new Command("bench", "Measure prompt and generation tokens/s of a model in this process (JSON lines)")
        {
            model, prompt, generate, threads, reps, batch, http, logprobs, backend, gpuLayers, synthetic.Spec, synthetic.Tokenizer, synthetic.Keep, synthetic.Json,
            synthetic.SaveCalibration, synthetic.Calibration, MakeModelCommand.Create(), CrdtBenchCommand.Create(),
        };
        command.SetAction((parse, cancellationToken) => CliErrors.Run(async () =>
        {
            if (parse.GetValue(synthetic.Spec) is { } spec)
            {
                if (parse.GetValue(model) is not null)
                {
                    throw new Core.Errors.LocusException(Core.Errors.LocusError.Invalid("pass either --model FILE or --synthetic ARCH:SIZE:QUANT, not both"));
                }
                // Shorter defaults than a file benchmark: a billion-weight model on a few CPU cores takes seconds per run.
                int Or(Option<int> option, int fallback) => parse.GetResult(option) is null ? fallback : parse.GetValue(option);
                var request = synthetic.Request(parse, spec, Or(prompt, 64), Or(generate, 32), parse.GetValue(threads), Or(reps, 3));
                var result = await SyntheticBench.RunAsync(request, cancellationToken).ConfigureAwait(false);
                if (parse.GetValue(synthetic.Json))
                {
                    Console.WriteLine(SyntheticBenchOutput.Json(result));
                }
                else
                {
                    SyntheticBenchOutput.Print(result);
                }

                return 0;
            }

            var path = parse.GetValue(model)
                ?? throw new Core.Errors.LocusException(Core.Errors.LocusError.Invalid("say what to measure: --model FILE.gguf or --synthetic ARCH:SIZE:QUANT (e.g. llama:1b:q4_0)"));
            if (parse.GetValue(http))
            {
                await StreamingBench.RunAsync(path, parse.GetValue(threads), parse.GetValue(generate), parse.GetValue(reps), cancellationToken).ConfigureAwait(false);
                return 0;
            }

            var options = new Core.Configuration.LlamaOptions
            {
                Threads = parse.GetValue(threads),
                BatchSize = parse.GetValue(batch),
                Backend = parse.GetValue(backend)!,
                GpuLayers = parse.GetValue(gpuLayers),
            };
            var runs = await LlamaBench.RunAsync(path, options, parse.GetValue(prompt), parse.GetValue(generate), parse.GetValue(reps),
                parse.GetValue(logprobs), cancellationToken).ConfigureAwait(false);
            if (LlamaModels.Backend?.Fallback is { } fallback)
            {
                await Console.Error.WriteLineAsync(fallback).ConfigureAwait(false);
            }

            foreach (var run in runs)
            {
                Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["impl"] = "locus",
                    ["model"] = Path.GetFileName(path),
                    ["threads"] = options.Threads,
                    ["logprobs"] = parse.GetValue(logprobs),
                    ["pp_tokens"] = run.PromptTokens,
                    ["pp_tps"] = Math.Round(run.PromptTokensPerSecond, 2),
                    ["tg_tokens"] = run.GeneratedTokens,
                    ["tg_tps"] = Math.Round(run.GenerationTokensPerSecond, 2),
                    ["build"] = LlamaModels.Backend?.Build ?? "?",
                    ["devices"] = LlamaModels.Backend?.Devices ?? "?",
                }));
            }

            return 0;
        }));
        return command;
    }

    /// <summary>The synthetic benchmark's options (docs/planner.md, "This machine").</summary>
    private sealed class SyntheticOptions
    {
        public Option<string?> Spec { get; } = new("--synthetic") { Description = "Measure a random-weight model of a real shape instead of a file: ARCH:SIZE:QUANT, e.g. llama:1b:q4_0, qwen2:0.5b:q8_0 (quant f32, f16, q8_0, q4_0)", HelpName = "ARCH:SIZE:QUANT" };
        public Option<string?> Tokenizer { get; } = new("--tokenizer") { Description = "With --synthetic: GGUF whose tokenizer to copy (default ../shared/models/stories260K.gguf)", HelpName = "PATH" };
        public Option<bool> Keep { get; } = new("--keep") { Description = "With --synthetic: keep the written model file" };
        public Option<bool> Json { get; } = new("--json") { Description = "With --synthetic: print one JSON object" };
        public Option<string?> SaveCalibration { get; } = new("--save-calibration") { Description = "With --synthetic: add this run to a calibration file for `locus plan --device this --calibration FILE`", HelpName = "FILE" };
        public Option<string?> Calibration { get; } = new("--calibration") { Description = "With --synthetic: predict with this calibration file's efficiency instead of the Apple fit", HelpName = "FILE" };

        public SyntheticBenchRequest Request(ParseResult parse, string spec, int prompt, int generate, int threads, int reps)
        {
            SyntheticSpec parsed;
            try
            {
                parsed = SyntheticSpec.Parse(spec);
            }
            catch (ArgumentException e)
            {
                throw new Core.Errors.LocusException(Core.Errors.LocusError.Invalid($"--synthetic: {e.Message}"));
            }

            if (prompt <= 0 || generate < 2 || reps <= 0)
            {
                throw new Core.Errors.LocusException(Core.Errors.LocusError.Invalid("--prompt-tokens and --reps must be positive and --gen-tokens at least 2"));
            }

            return new SyntheticBenchRequest(parsed, SyntheticFiles.Tokenizer(parse.GetValue(Tokenizer)), prompt, generate, threads, reps, parse.GetValue(Keep),
                parse.GetValue(Calibration), parse.GetValue(SaveCalibration));
        }
    }
}
