using Locus.Llama.Native;

namespace Locus.Llama.Engine;

/// <summary>Builds a llama.cpp sampler chain in the order llama.cpp's own tools use: penalties, top-k, top-p, min-p, temperature, draw.</summary>
internal static class SamplerFactory
{
    public static SafeSamplerHandle Create(SamplingSettings settings, int vocabSize)
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
}
