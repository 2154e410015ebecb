using Locus.Llama.Native;
using Locus.Llama.Chat;

namespace Locus.Llama.Engine;

/// <summary>
/// Builds a llama.cpp sampler chain in the order llama.cpp's own tools use: penalties, top-k, top-p, min-p,
/// temperature, draw. A grammar stays outside the chain (<see cref="TokenSampler"/> checks the chain's pick against it).
/// </summary>
internal static class SamplerFactory
{
    public static SafeSamplerHandle Create(SamplingSettings settings, IntPtr vocab, int vocabSize)
    {
        var chain = LlamaApi.CreateChain();
        try
        {
            if (settings.HasPenalties)
            {
                LlamaApi.AddToChain(chain, LlamaApi.llama_sampler_init_penalties(
                    vocabSize, SamplingSettings.PenaltyWindow, settings.RepetitionPenalty, settings.FrequencyPenalty, settings.PresencePenalty));
            }

            if (settings.IsGreedy)
            {
                LlamaApi.AddToChain(chain, LlamaApi.llama_sampler_init_greedy());
                return chain;
            }

            if (settings.TopK > 0)
            {
                LlamaApi.AddToChain(chain, LlamaApi.llama_sampler_init_top_k(settings.TopK));
            }

            if (settings.TopP < 1f)
            {
                LlamaApi.AddToChain(chain, LlamaApi.llama_sampler_init_top_p(settings.TopP, 1));
            }

            if (settings.MinP > 0f)
            {
                LlamaApi.AddToChain(chain, LlamaApi.llama_sampler_init_min_p(settings.MinP, 1));
            }

            LlamaApi.AddToChain(chain, LlamaApi.llama_sampler_init_temp(settings.Temperature));
            // No seed: a fresh random one per request, as OpenAI does.
            var seed = settings.Seed ?? (uint)Random.Shared.Next();
            LlamaApi.AddToChain(chain, LlamaApi.llama_sampler_init_dist(seed));
            return chain;
        }
        catch
        {
            chain.Dispose();
            throw;
        }
    }

    /// <summary>The grammar's sampler; throws when llama.cpp cannot parse the grammar (a bug in whatever wrote it).</summary>
    public static IntPtr CreateGrammar(IntPtr vocab, GrammarConstraint grammar)
    {
        var sampler = grammar.IsLazy
            ? LlamaApi.CreateLazyGrammarSampler(vocab, grammar.Grammar, grammar.TriggerPatterns ?? [], grammar.TriggerTokens ?? [], grammar.Root)
            : LlamaApi.CreateGrammarSampler(vocab, grammar.Grammar, grammar.Root);
        return sampler != IntPtr.Zero ? sampler : throw new LlamaNativeException("llama.cpp could not parse a generated grammar");
    }
}
