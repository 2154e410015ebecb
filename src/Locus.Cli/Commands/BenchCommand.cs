using System.CommandLine;
using System.Text.Json;
using Locus.Cli.Terminal;
using Locus.Llama.Benchmarking;

namespace Locus.Cli.Commands;

/// <summary>
/// `locus bench`: prompt and generation speed of the in-process engine, measured like llama-bench (random prompt
/// tokens, greedy, exactly N generated tokens). Prints one JSON line per repetition for benchmarks/native-compare.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model", "-m") { Description = "GGUF model file", HelpName = "PATH", Required = true, Recursive = false };
        var prompt = new Option<int>("--prompt-tokens", "-p") { Description = "Prompt length in tokens", DefaultValueFactory = _ => 256 };
        var generate = new Option<int>("--gen-tokens", "-n") { Description = "Tokens to generate", DefaultValueFactory = _ => 128 };
        var threads = new Option<int>("--threads", "-t") { Description = "llama.cpp threads (set it explicitly when comparing)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var reps = new Option<int>("--reps", "-r") { Description = "Measured repetitions (after one warm-up)", DefaultValueFactory = _ => 5 };
        var batch = new Option<int>("--batch", "-b") { Description = "Prompt batch size", DefaultValueFactory = _ => 512 };
        var http = new Option<bool>("--http") { Description = "Instead: streamed generation in-process vs through the HTTP server (interleaved)" };
        var logprobs = new Option<bool>("--logprobs") { Description = "Also measure every token's log probability and entropy (the confidence cascade's cost)" };

        var command = new Command("bench", "Measure prompt and generation tokens/s of a model in this process (JSON lines)")
        {
            model, prompt, generate, threads, reps, batch, http, logprobs, MakeModelCommand.Create(), CrdtBenchCommand.Create(),
        };
        command.SetAction((parse, cancellationToken) => CliErrors.Run(async () =>
        {
            var path = parse.GetRequiredValue(model);
            if (parse.GetValue(http))
            {
                await StreamingBench.RunAsync(path, parse.GetValue(threads), parse.GetValue(generate), parse.GetValue(reps), cancellationToken).ConfigureAwait(false);
                return 0;
            }

            var options = new Core.Configuration.LlamaOptions { Threads = parse.GetValue(threads), BatchSize = parse.GetValue(batch) };
            var runs = await LlamaBench.RunAsync(path, options, parse.GetValue(prompt), parse.GetValue(generate), parse.GetValue(reps),
                parse.GetValue(logprobs), cancellationToken).ConfigureAwait(false);
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
                }));
            }

            return 0;
        }));
        return command;
    }
}
