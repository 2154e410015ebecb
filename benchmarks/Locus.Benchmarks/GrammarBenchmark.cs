using System.Globalization;
using System.Text.Json;
using Locus.Core.Configuration;
using Locus.Grammar;
using Locus.Llama;
using Locus.Llama.Engine;
using Locus.Llama.Chat;

namespace Locus.Benchmarks;

/// <summary>
/// What a grammar adds to picking each token, at the three vocabulary sizes of the shared models (512, 32,000 and
/// 151,936). Each round runs, on the real engine and the same model, one generation without a grammar and one
/// constrained to a JSON schema, and divides the time spent in sampling (<see cref="GenerationResult.SamplingTime"/>,
/// measured around the sampler alone, so decode time and machine noise in it do not count) by the tokens picked.
/// Rounds alternate the two, and medians are reported, with the ratio. Run with stories260K, llama-2-tiny-random
/// and random-qwen2-tiny from ../shared/models.
/// </summary>
internal static class GrammarBenchmark
{
    private const string Schema = """
        {"type":"array","items":{"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer"},
         "tags":{"type":"array","items":{"type":"string"}}},"required":["name","age","tags"]}}
        """;

    /// <summary>A grammar every text satisfies: the chain's pick always passes, so this is the cost when a model writes what the grammar wants.</summary>
    private const string AnyText = """root ::= [^\x00]*""";

    public static async Task<int> RunAsync(string modelsFolder, int rounds, int tokens)
    {
        var json = new GrammarConstraint(JsonSchemaGrammar.Convert(JsonDocument.Parse(Schema).RootElement));
        var permissive = new GrammarConstraint(AnyText);
        foreach (var file in new[] { "stories260K.gguf", "llama-2-tiny-random.gguf", "random-qwen2-tiny.gguf" })
        {
            var path = Path.Combine(modelsFolder, file);
            using var catalog = await LlamaModels.LoadAsync([new LocalModelSpec(path)], new LlamaOptions { Threads = 2, ContextSize = 1024, Parallel = 1 });
            var model = ((LlamaChatClient)catalog.Find(catalog.Models[0].Id)!).Model;
            var prompt = model.Tokenize("Write the list of people as JSON: ");
            var plain = new List<double>();
            var agreeing = new List<double>();
            var constrained = new List<double>();
            var resampled = new List<double>();
            var generated = new List<double>();
            for (var round = -2; round < rounds; round++)
            {
                var free = await RunAsync(model, prompt, null, tokens, round, ignoreEnd: true);
                var any = await RunAsync(model, prompt, permissive, tokens, round, ignoreEnd: true);
                var schema = await RunAsync(model, prompt, json, tokens, round, ignoreEnd: false);
                if (round >= 0)
                {
                    plain.Add(PerToken(free));
                    agreeing.Add(PerToken(any));
                    constrained.Add(PerToken(schema));
                    resampled.Add((double)schema.GrammarResamples / schema.CompletionTokens);
                    generated.Add(schema.CompletionTokens);
                }
            }

            var p = Median(plain);
            var a = Median(agreeing);
            var g = Median(constrained);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"bench\":\"grammar\",\"model\":\"{Path.GetFileNameWithoutExtension(file)}\",\"vocab\":{Llama.Native.LlamaApi.VocabSize(model.Vocab)},\"rounds\":{rounds},\"plain_us_per_token\":{p:0.0},\"agreeing_grammar_us_per_token\":{a:0.0},\"agreeing_ratio\":{a / p:0.00},\"json_grammar_us_per_token\":{g:0.0},\"json_ratio\":{g / p:0.00},\"json_resampled_share\":{Median(resampled):0.00},\"json_tokens_median\":{Median(generated):0}}}"));
        }

        return 0;
    }

    private static double PerToken(GenerationResult result) => result.SamplingTime.TotalMicroseconds / result.CompletionTokens;

    private static async Task<GenerationResult> RunAsync(LlamaLocalModel model, int[] prompt, GrammarConstraint? grammar, int tokens, int round,
        bool ignoreEnd)
    {
        // Temperature 1 with a seed per round: the same draws for both runs of a round, different rounds see different text.
        var sampling = new SamplingSettings(Temperature: 1f, Seed: (uint)(round + 100));
        // The plain and permissive runs ignore end-of-generation, so they pick exactly as many tokens; a JSON answer ends
        // when its grammar is complete.
        var request = new GenerationRequest(prompt, sampling, tokens, [], static _ => { }, IgnoreEndOfGeneration: ignoreEnd,
            ReusePrefix: false, Grammar: grammar);
        using var lease = await model.Scheduler.AcquireAsync(CancellationToken.None);
        return await model.Engine.RunAsync(request, CancellationToken.None);
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
