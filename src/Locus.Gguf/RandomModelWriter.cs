namespace Locus.Gguf;

/// <summary>
/// Writes a GGUF with random weights in the exact tensor layout llama.cpp's LLM_ARCH_LLAMA loader
/// expects (src/models/llama.cpp), with the tokenizer copied from a real model. It costs as much to
/// run as a trained model of the same shape, which is what speed benchmarks need.
/// </summary>
public static class RandomModelWriter
{
    /// <summary>
    /// Writes the model to <paramref name="path"/>, copying every <c>tokenizer.*</c> key from
    /// <paramref name="tokenizerSource"/>, which decides the vocabulary size.
    /// </summary>
    /// <exception cref="ArgumentException">The shape is inconsistent, or the source has no token list.</exception>
    public static void Write(string path, RandomModelOptions options, GgufFile tokenizerSource)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tokenizerSource);
        var shape = RandomModelShape.From(options, tokenizerSource);
        var writer = new GgufWriter();
        WriteMetadata(writer, options, shape);
        foreach (var (key, value) in tokenizerSource.Metadata)
        {
            if (key.StartsWith("tokenizer.", StringComparison.Ordinal))
            {
                writer.SetMetadata(key, TokenizerPadding.Pad(key, value, shape.VocabSize));
            }
        }

        var tensorIndex = 0;
        foreach (var (name, dims, isNorm) in shape.Tensors())
        {
            GgufValueGenerator values = isNorm
                ? static (_, span) => span.Fill(1f) // RMS-norm gains of 1 keep activations at their natural scale
                : RandomValues.Uniform(options.Seed, tensorIndex);
            writer.AddTensor(name, isNorm ? GgmlType.F32 : options.WeightType, dims, values);
            tensorIndex++;
        }

        writer.Write(path);
    }

    private static void WriteMetadata(GgufWriter w, RandomModelOptions o, RandomModelShape s)
    {
        w.SetMetadata("general.architecture", GgufValue.FromString("llama"));
        w.SetMetadata("general.name", GgufValue.FromString(o.Name));
        w.SetMetadata("general.file_type", GgufValue.FromUInt32(GgufFileTypes.ForWeights(o.WeightType)));
        w.SetMetadata("general.quantization_version", GgufValue.FromUInt32(2));
        w.SetMetadata("general.alignment", GgufValue.FromUInt32(GgufLimits.DefaultAlignment));
        w.SetMetadata("llama.vocab_size", GgufValue.FromUInt32((uint)s.VocabSize));
        w.SetMetadata("llama.context_length", GgufValue.FromUInt32((uint)o.ContextLength));
        w.SetMetadata("llama.embedding_length", GgufValue.FromUInt32((uint)o.EmbeddingLength));
        w.SetMetadata("llama.block_count", GgufValue.FromUInt32((uint)o.LayerCount));
        w.SetMetadata("llama.feed_forward_length", GgufValue.FromUInt32((uint)o.FeedForwardLength));
        w.SetMetadata("llama.rope.dimension_count", GgufValue.FromUInt32((uint)s.HeadSize));
        w.SetMetadata("llama.rope.freq_base", GgufValue.FromFloat32(10000f));
        w.SetMetadata("llama.attention.head_count", GgufValue.FromUInt32((uint)o.HeadCount));
        w.SetMetadata("llama.attention.head_count_kv", GgufValue.FromUInt32((uint)s.HeadCountKv));
        w.SetMetadata("llama.attention.layer_norm_rms_epsilon", GgufValue.FromFloat32(1e-5f));
    }
}
