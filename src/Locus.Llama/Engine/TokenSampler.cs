using Locus.Llama.Native;
using Locus.Llama.Chat;

namespace Locus.Llama.Engine;

/// <summary>
/// Picks one generation's tokens. Without a grammar this is llama.cpp's sampler chain as is. With one, checking every
/// vocabulary entry against the grammar on every step costs far more than sampling (152k candidates, each decoded and
/// matched), so the chain picks first and the grammar checks only that token; only a token the grammar rejects pays for
/// masking the whole vocabulary and picking again: llama.cpp's own rejection sampling in <c>common_sampler_sample</c>.
/// </summary>
internal sealed unsafe class TokenSampler : IDisposable
{
    /// <summary>What <see cref="Sample"/> returns when the grammar allows no token at all.</summary>
    public const int NoToken = -1;

    private readonly SafeSamplerHandle _chain;
    private readonly SafeSamplerHandle? _grammar;
    private readonly LlamaTokenData[]? _candidates;
    private readonly int _vocabSize;

    private TokenSampler(SafeSamplerHandle chain, SafeSamplerHandle? grammar, int vocabSize)
    {
        _chain = chain;
        _grammar = grammar;
        _vocabSize = vocabSize;
        // Pinned once: the chain works on it in place every step.
        _candidates = grammar is null ? null : GC.AllocateUninitializedArray<LlamaTokenData>(vocabSize, pinned: true);
    }

    public static TokenSampler Create(SamplingSettings settings, IntPtr vocab, int vocabSize, GrammarConstraint? grammar)
    {
        var chain = SamplerFactory.Create(settings, vocab, vocabSize);
        if (grammar is null)
        {
            return new TokenSampler(chain, null, vocabSize);
        }

        try
        {
            return new TokenSampler(chain, new SafeSamplerHandle(SamplerFactory.CreateGrammar(vocab, grammar)), vocabSize);
        }
        catch
        {
            chain.Dispose();
            throw;
        }
    }

    /// <summary>Picks the grammar rejected, each paid for with a pass of the grammar over the whole vocabulary.</summary>
    public int Resampled { get; private set; }

    /// <summary>The next token from the logits of batch entry <paramref name="index"/>, accepted by every sampler; or <see cref="NoToken"/>.</summary>
    public int Sample(IntPtr context, int index)
    {
        if (_grammar is null)
        {
            return LlamaApi.SampleAt(_chain.DangerousGetHandle(), context, index);
        }

        var logits = LlamaApi.LogitsAt(context, index, _vocabSize);
        fixed (LlamaTokenData* data = _candidates)
        {
            var candidates = Fill(data, logits);
            LlamaApi.Apply(_chain.DangerousGetHandle(), &candidates);
            var token = data[candidates.Selected].Id;
            if (!Allowed(token))
            {
                Resampled++;
                candidates = Fill(data, logits);
                LlamaApi.Apply(_grammar.DangerousGetHandle(), &candidates);
                if (!AnyAllowed(data, candidates.Size))
                {
                    return NoToken;
                }

                LlamaApi.Apply(_chain.DangerousGetHandle(), &candidates);
                token = data[candidates.Selected].Id;
            }

            LlamaApi.Accept(_grammar.DangerousGetHandle(), token);
            LlamaApi.Accept(_chain.DangerousGetHandle(), token);
            return token;
        }
    }

    private bool Allowed(int token)
    {
        var single = new LlamaTokenData { Id = token, Logit = 1f };
        var one = new LlamaTokenDataArray { Data = &single, Size = 1, Selected = -1 };
        LlamaApi.Apply(_grammar!.DangerousGetHandle(), &one);
        return !float.IsNegativeInfinity(single.Logit);
    }

    private static bool AnyAllowed(LlamaTokenData* data, nuint size)
    {
        for (nuint i = 0; i < size; i++)
        {
            if (!float.IsNegativeInfinity(data[i].Logit))
            {
                return true;
            }
        }

        return false;
    }

    private LlamaTokenDataArray Fill(LlamaTokenData* data, ReadOnlySpan<float> logits)
    {
        for (var i = 0; i < _vocabSize; i++)
        {
            data[i] = new LlamaTokenData { Id = i, Logit = logits[i] };
        }

        return new LlamaTokenDataArray { Data = data, Size = (nuint)_vocabSize, Selected = -1 };
    }

    public void Dispose()
    {
        _grammar?.Dispose();
        _chain.Dispose();
    }
}
