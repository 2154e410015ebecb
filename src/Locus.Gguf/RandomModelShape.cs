namespace Locus.Gguf;

/// <summary>Validated llama dimensions and the tensor list they imply.</summary>
internal sealed record RandomModelShape(RandomModelOptions Options, int VocabSize, int HeadCountKv, int HeadSize)
{
    public static RandomModelShape From(RandomModelOptions o, GgufFile source)
    {
        if (!source.Metadata.TryGetValue("tokenizer.ggml.tokens", out var tokens) || tokens.ElementType != GgufValueType.String || tokens.ArrayLength == 0)
        {
            throw new ArgumentException("the tokenizer source has no 'tokenizer.ggml.tokens' string array");
        }

        Require(o.EmbeddingLength > 0 && o.LayerCount > 0 && o.HeadCount > 0 && o.FeedForwardLength > 0 && o.ContextLength > 0 && o.HeadCountKv >= 0,
            "all sizes must be positive");
        var kv = o.HeadCountKv == 0 ? o.HeadCount : o.HeadCountKv;
        Require(o.EmbeddingLength % o.HeadCount == 0, "EmbeddingLength must be a multiple of HeadCount");
        var headSize = o.EmbeddingLength / o.HeadCount;
        Require(headSize % 2 == 0, "the head size (EmbeddingLength / HeadCount) must be even for RoPE");
        Require(o.HeadCount % kv == 0, "HeadCount must be a multiple of HeadCountKv");
        Require(GgmlEncoder.CanEncode(o.WeightType), "WeightType must be F32, F16, Q8_0 or Q4_0");
        var block = GgmlTypeTraits.Get(o.WeightType).BlockSize;
        Require(o.EmbeddingLength % block == 0 && o.FeedForwardLength % block == 0,
            $"{o.WeightType} needs EmbeddingLength and FeedForwardLength to be multiples of {block}");
        Require(o.VocabSize == 0 || o.VocabSize >= tokens.ArrayLength, $"VocabSize ({o.VocabSize}) is smaller than the tokenizer's {tokens.ArrayLength} tokens");
        return new RandomModelShape(o, Math.Max(o.VocabSize, tokens.ArrayLength), kv, headSize);
    }

    /// <summary>Tensors in the order convert_hf_to_gguf.py writes them; shapes are ggml order (ne[0] first).</summary>
    public IEnumerable<(string Name, long[] Dims, bool IsNorm)> Tensors()
    {
        long embd = Options.EmbeddingLength, ff = Options.FeedForwardLength, kvDim = (long)HeadSize * HeadCountKv;
        yield return ("token_embd.weight", [embd, VocabSize], false);
        for (var i = 0; i < Options.LayerCount; i++)
        {
            var p = $"blk.{i}.";
            yield return (p + "attn_norm.weight", [embd], true);
            yield return (p + "attn_q.weight", [embd, embd], false);
            yield return (p + "attn_k.weight", [embd, kvDim], false);
            yield return (p + "attn_v.weight", [embd, kvDim], false);
            yield return (p + "attn_output.weight", [embd, embd], false);
            yield return (p + "ffn_norm.weight", [embd], true);
            yield return (p + "ffn_gate.weight", [embd, ff], false);
            yield return (p + "ffn_up.weight", [embd, ff], false);
            yield return (p + "ffn_down.weight", [ff, embd], false);
        }

        yield return ("output_norm.weight", [embd], true);
        if (!Options.TiedEmbeddings)
        {
            yield return ("output.weight", [embd, VocabSize], false);
        }
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"invalid RandomModelOptions: {message}");
        }
    }
}
