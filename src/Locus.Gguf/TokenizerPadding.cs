namespace Locus.Gguf;

/// <summary>
/// Extends a copied tokenizer to a larger vocabulary with placeholder tokens, so a random-weight model can have a real
/// model's vocabulary (its embedding and output matrices, and sampling over its logits, then cost the same) while
/// keeping a small real tokenizer. The placeholders are normal tokens with unique text that no real text contains.
/// </summary>
internal static class TokenizerPadding
{
    /// <summary>llama.cpp's LLAMA_TOKEN_TYPE_NORMAL.</summary>
    private const int NormalTokenType = 1;

    /// <summary>The per-token arrays llama.cpp reads; every other tokenizer key is copied unchanged.</summary>
    public static GgufValue Pad(string key, GgufValue value, int vocabSize)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Type != GgufValueType.Array || value.ArrayLength >= vocabSize)
        {
            return value;
        }

        var extra = vocabSize - value.ArrayLength;
        return key switch
        {
            "tokenizer.ggml.tokens" => GgufValue.FromStrings(value.AsStrings().Concat(Enumerable.Range(value.ArrayLength, extra).Select(i => $"<locus-pad-{i}>"))),
            // The lowest score: the tokenizer never prefers a placeholder when merging.
            "tokenizer.ggml.scores" => Extend(value, extra, GgufValue.FromFloat32(-1e9f)),
            "tokenizer.ggml.token_type" => Extend(value, extra, value.ElementType == GgufValueType.UInt32
                ? GgufValue.FromUInt32(NormalTokenType) : GgufValue.FromInt32(NormalTokenType)),
            _ => value,
        };
    }

    private static GgufValue Extend(GgufValue array, int extra, GgufValue filler) =>
        GgufValue.FromArray(array.ElementType!.Value, array.AsArray().Concat(Enumerable.Repeat(filler, extra)));
}
