using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Locus.Llama.Native;
using Locus.Llama.Tests.Engine;
using Locus.Llama.Tools;

namespace Locus.Llama.Tests.Tools;

/// <summary>
/// llama.cpp itself checks the composed grammars (with placeholder argument rules): it parses every one, and for
/// each family the grammar lets through, token by token, a call the stream parser reads back as that call.
/// </summary>
[Collection(IsolatedCollection.Name)]
public sealed class ToolCallGrammarNativeTests
{
    private static readonly ToolSpec[] Tools =
    [
        new("get_weather", null, JsonDocument.Parse("""{"type":"object"}""").RootElement.Clone()),
        new("get.time", null, JsonDocument.Parse("""{"type":"object"}""").RootElement.Clone()),
    ];

    private static readonly Dictionary<string, (ToolCallFormat Format, string Call)> Samples = new()
    {
        ["Generic"] = (ToolCallFormat.Generic, "{\"tool_calls\": [{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}]}"),
        ["Hermes"] = (ToolCallFormat.Hermes, "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call>"),
        ["Llama3"] = (ToolCallFormat.Llama3, "{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}}"),
        ["MistralJsonArray"] = (ToolCallFormat.MistralJsonArray,
            "[TOOL_CALLS][{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}, \"id\": \"abcDEF123\"}]"),
        ["MistralNamedArgs"] = (ToolCallFormat.MistralNamedArgs, "[TOOL_CALLS]get_weather[ARGS]{\"city\": \"Paris\"}"),
        ["MistralNamedArgsWithId"] = (ToolCallFormat.MistralNamedArgsWithId, "[TOOL_CALLS]get_weather[CALL_ID]abcDEF123[ARGS]{\"city\": \"Paris\"}"),
        ["DeepSeekR1"] = (ToolCallFormat.DeepSeekR1,
            "<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>get_weather\n```json\n{\"city\": \"Paris\"}\n```<｜tool▁call▁end｜><｜tool▁calls▁end｜>"),
        ["DeepSeekV31"] = (ToolCallFormat.DeepSeekV31,
            "<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>get_weather<｜tool▁sep｜>{\"city\": \"Paris\"}<｜tool▁call▁end｜><｜tool▁calls▁end｜>"),
    };

    [ModelFact]
    public async Task Build_EveryFamilyChoiceAndParallelism_LlamaCppAcceptsTheGrammar()
    {
        using var loaded = await LoadedModel.LoadAsync(SharedModels.Qwen);
        var vocab = loaded.Model.Vocab;
        var refused = new List<string>();

        foreach (var (format, _) in Samples.Values)
        {
            foreach (var choice in new[] { ToolChoiceKind.Auto, ToolChoiceKind.Required, ToolChoiceKind.Named })
            {
                foreach (var parallel in new[] { false, true })
                {
                    var plan = ToolCallGrammar.Build(format, Tools, choice, "get.time", parallel, new FakeGrammarRules());
                    var sampler = Create(vocab, plan);
                    if (sampler == IntPtr.Zero)
                    {
                        refused.Add($"{format.Family}/{choice}/{(parallel ? "parallel" : "single")}:\n{plan.Grammar}");
                    }
                    else
                    {
                        LlamaApi.FreeSampler(sampler);
                    }
                }
            }
        }

        Assert.True(refused.Count == 0, string.Join("\n\n", refused));
        Assert.Equal(IntPtr.Zero, LlamaApi.CreateGrammarSampler(vocab, "root ::= undefined-rule"));
    }

    [ModelFact]
    public async Task Build_RequiredAndAuto_GrammarLetsTheFamilysCallThroughAndTheParserReadsIt()
    {
        using var loaded = await LoadedModel.LoadAsync(SharedModels.Qwen);
        var native = Native.Load();
        var vocab = loaded.Model.Vocab;
        var failures = new List<string>();

        foreach (var (family, (format, call)) in Samples)
        {
            // Generic is never lazy (its whole answer is JSON); Llama's bare JSON call is recognised at the start.
            var prefix = format.Family == ToolCallFamily.Generic ? "" : format.StartAnchored ? "\n" : "Let me check. ";
            foreach (var (choice, output) in new[] { (ToolChoiceKind.Required, call), (ToolChoiceKind.Auto, prefix + call) })
            {
                var plan = ToolCallGrammar.Build(format, Tools, choice, null, parallel: false, new FakeGrammarRules());
                if (Rejection(native, vocab, plan, output) is { } rejected)
                {
                    failures.Add($"{family}/{choice}: {rejected}\n{plan.Grammar}");
                }

                var calls = ParserHarness.Whole(format, output).OfType<CallEnded>().ToList();
                if (calls.Count != 1 || !calls[0].ArgumentsJson.Contains("Paris", StringComparison.Ordinal))
                {
                    failures.Add($"{family}/{choice}: the parser did not read the call back");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));

        var generic = ToolCallGrammar.Build(ToolCallFormat.Generic, Tools, ToolChoiceKind.Auto, null, false, new FakeGrammarRules());
        Assert.Null(Rejection(native, vocab, generic, "{\"response\": \"It is \\\"sunny\\\".\"}"));
        var hermes = ToolCallGrammar.Build(ToolCallFormat.Hermes, Tools, ToolChoiceKind.Required, null, false, new FakeGrammarRules());
        Assert.NotNull(Rejection(native, vocab, hermes, "Hello"));
    }

    private static TheoryData<string, string> ParallelSamples() => new()
    {
        { "Generic", "{\"tool_calls\": [{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}, {\"name\": \"get.time\", \"arguments\": {}}]}" },
        { "Hermes", "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call>\n<tool_call>\n{\"name\": \"get.time\", \"arguments\": {}}\n</tool_call>" },
        { "Llama3", "{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}}\n{\"name\": \"get.time\", \"parameters\": {}}" },
        { "MistralJsonArray", "[TOOL_CALLS][{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}, {\"name\": \"get.time\", \"arguments\": {}}]" },
        { "MistralNamedArgsWithId", "[TOOL_CALLS]get_weather[CALL_ID]abcDEF123[ARGS]{\"city\": \"Paris\"}[TOOL_CALLS]get.time[ARGS]{}" },
        { "DeepSeekR1", "<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>get_weather\n```json\n{\"city\": \"Paris\"}\n```<｜tool▁call▁end｜>"
            + "<｜tool▁call▁begin｜>function<｜tool▁sep｜>get.time\n```json\n{}\n```<｜tool▁call▁end｜><｜tool▁calls▁end｜>" },
        { "DeepSeekV31", "<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>get_weather<｜tool▁sep｜>{\"city\": \"Paris\"}<｜tool▁call▁end｜>"
            + "<｜tool▁call▁begin｜>get.time<｜tool▁sep｜>{}<｜tool▁call▁end｜><｜tool▁calls▁end｜>" },
    };

    [ModelFact]
    public async Task Build_Parallel_GrammarLetsTwoCallsThroughAndTheParserReadsBoth()
    {
        using var loaded = await LoadedModel.LoadAsync(SharedModels.Qwen);
        var native = Native.Load();
        var failures = new List<string>();

        foreach (var row in ParallelSamples())
        {
            var (family, output) = ((string)row[0], (string)row[1]);
            var format = Samples[family].Format;
            var plan = ToolCallGrammar.Build(format, Tools, ToolChoiceKind.Required, null, parallel: true, new FakeGrammarRules());
            if (Rejection(native, loaded.Model.Vocab, plan, output) is { } rejected)
            {
                failures.Add($"{family}: {rejected}\n{plan.Grammar}");
            }

            var names = ParserHarness.Whole(format, output).OfType<CallStarted>().Select(c => c.Name);
            if (!names.SequenceEqual(["get_weather", "get.time"]))
            {
                failures.Add($"{family}: the parser read [{string.Join(", ", names)}]");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    private static IntPtr Create(IntPtr vocab, ToolCallGrammarPlan plan)
    {
        if (!plan.Lazy)
        {
            return LlamaApi.CreateGrammarSampler(vocab, plan.Grammar);
        }

        var tokens = plan.TriggerTokenTexts
            .Select(t => LlamaApi.Tokenize(vocab, Encoding.UTF8.GetBytes(t), addSpecial: false, parseSpecial: true))
            .Where(ids => ids.Length == 1)
            .Select(ids => ids[0])
            .ToList();
        return LlamaApi.CreateLazyGrammarSampler(vocab, plan.Grammar, plan.TriggerPatterns, tokens);
    }

    /// <summary>Feeds the output's tokens through the grammar; says where it refused, or null when all passed and it may end.</summary>
    private static string? Rejection(Native native, IntPtr vocab, ToolCallGrammarPlan plan, string output)
    {
        var sampler = Create(vocab, plan);
        Assert.NotEqual(IntPtr.Zero, sampler);
        try
        {
            var tokens = LlamaApi.Tokenize(vocab, Encoding.UTF8.GetBytes(output), addSpecial: false, parseSpecial: true);
            var text = new StringBuilder();
            foreach (var token in tokens)
            {
                if (!native.Allows(sampler, token))
                {
                    return $"refused token {token} after \"{text}\"";
                }

                native.Accept(sampler, token);
                text.Append(Piece(vocab, token));
            }

            return native.Allows(sampler, native.EndOfSentence(vocab)) ? null : $"may not end after \"{text}\"";
        }
        finally
        {
            LlamaApi.FreeSampler(sampler);
        }
    }

    private static string Piece(IntPtr vocab, int token)
    {
        Span<byte> buffer = stackalloc byte[64];
        var n = LlamaApi.TokenToPiece(vocab, token, buffer, renderSpecial: true);
        return Encoding.UTF8.GetString(buffer[..Math.Max(n, 0)]);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TokenData
    {
        public int Id;
        public float Logit;
        public float P;
    }

    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct TokenDataArray
    {
        public TokenData* Data;
        public nuint Size;
        public long Selected;
        public byte Sorted;
    }

    /// <summary>The few llama.cpp entry points only this test needs, looked up in the library the engine loaded.</summary>
    private sealed unsafe class Native
    {
        private readonly delegate* unmanaged<IntPtr, TokenDataArray*, void> _apply;
        private readonly delegate* unmanaged<IntPtr, int, void> _accept;
        private readonly delegate* unmanaged<IntPtr, int> _eos;

        private Native(IntPtr library)
        {
            _apply = (delegate* unmanaged<IntPtr, TokenDataArray*, void>)NativeLibrary.GetExport(library, "llama_sampler_apply");
            _accept = (delegate* unmanaged<IntPtr, int, void>)NativeLibrary.GetExport(library, "llama_sampler_accept");
            _eos = (delegate* unmanaged<IntPtr, int>)NativeLibrary.GetExport(library, "llama_vocab_eos");
        }

        public static Native Load() =>
            new(NativeLibrary.Load(NativeLibraryResolver.Install(null, null).Paths[NativeLibraryNames.Llama]));

        public bool Allows(IntPtr sampler, int token)
        {
            var data = new TokenData { Id = token };
            var array = new TokenDataArray { Data = &data, Size = 1, Selected = -1 };
            _apply(sampler, &array);
            return !float.IsNegativeInfinity(data.Logit);
        }

        public void Accept(IntPtr sampler, int token) => _accept(sampler, token);

        public int EndOfSentence(IntPtr vocab) => _eos(vocab);
    }
}
