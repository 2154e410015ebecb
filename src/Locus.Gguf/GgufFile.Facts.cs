namespace Locus.Gguf;

/// <content>Well-known metadata, read the way llama.cpp reads it.</content>
public sealed partial class GgufFile
{
    /// <summary><c>general.architecture</c>, e.g. <c>llama</c> or <c>qwen2</c>.</summary>
    public string? Architecture => GetString("general.architecture");

    /// <summary><c>general.name</c>.</summary>
    public string? Name => GetString("general.name");

    /// <summary>Raw <c>general.file_type</c> (llama.h <c>llama_ftype</c>), when present.</summary>
    public int? FileType => GetInteger("general.file_type") is { } v and >= int.MinValue and <= int.MaxValue ? (int)v : null;

    /// <summary>
    /// Quantization name: <see cref="FileType"/> as llama.cpp names it (<c>Q4_K_M</c>, <c>Q8_0</c>,
    /// <c>F16</c>, <c>ALL_F32</c>); when absent or unknown, the ggml type holding the most tensor bytes
    /// (e.g. <c>F32</c>); null for a file without tensors.
    /// </summary>
    public string? Quantization =>
        (FileType is { } ft ? GgufFileTypes.Name(ft) : null) ?? DominantTensorType;

    /// <summary><c>{arch}.context_length</c>: the context the model was trained with.</summary>
    public long? ContextLength => GetArchInteger("context_length");

    /// <summary><c>{arch}.block_count</c>: the number of transformer layers.</summary>
    public long? BlockCount => GetArchInteger("block_count");

    /// <summary><c>{arch}.embedding_length</c>: the hidden size.</summary>
    public long? EmbeddingLength => GetArchInteger("embedding_length");

    /// <summary><c>{arch}.attention.head_count</c> (the largest, if given per layer).</summary>
    public long? HeadCount => GetArchInteger("attention.head_count");

    /// <summary><c>{arch}.attention.head_count_kv</c>, defaulting to <see cref="HeadCount"/> as llama.cpp does.</summary>
    public long? HeadCountKv => GetArchInteger("attention.head_count_kv") ?? HeadCount;

    /// <summary><c>{arch}.attention.key_length</c>: elements per key head, when the model sets it (llama.cpp otherwise uses embedding ÷ heads).</summary>
    public long? KeyLength => GetArchInteger("attention.key_length");

    /// <summary><c>{arch}.feed_forward_length</c> (the largest, if given per layer).</summary>
    public long? FeedForwardLength => GetArchInteger("feed_forward_length");

    /// <summary>Vocabulary size: the length of <c>tokenizer.ggml.tokens</c>, else <c>{arch}.vocab_size</c>.</summary>
    public long? VocabSize =>
        Metadata.TryGetValue("tokenizer.ggml.tokens", out var v) && v.ElementType == GgufValueType.String
            ? v.ArrayLength
            : GetArchInteger("vocab_size");

    /// <summary><c>tokenizer.chat_template</c>: the Jinja chat template, if the model has one.</summary>
    public string? ChatTemplate => GetString("tokenizer.chat_template");

    private string? DominantTensorType =>
        Tensors.Count == 0
            ? null
            : GgmlTypeTraits.Get(Tensors.GroupBy(t => t.Type).MaxBy(g => g.Sum(t => t.ByteSize))!.Key).Name;

    private string? GetString(string key) =>
        Metadata.TryGetValue(key, out var v) && v.Type == GgufValueType.String ? v.AsString() : null;

    private long? GetArchInteger(string suffix) =>
        Architecture is { } arch ? GetInteger($"{arch}.{suffix}") : null;

    /// <summary>An integer key; per-layer arrays (as some models use for head counts) give their maximum.</summary>
    private long? GetInteger(string key)
    {
        if (!Metadata.TryGetValue(key, out var v))
        {
            return null;
        }

        if (v.TryGetInt64(out var n))
        {
            return n;
        }

        if (v.ElementType is { } e && GgufLimits.FixedSize(e) > 0 && v.ArrayLength > 0)
        {
            long? max = null;
            foreach (var item in v.AsArray())
            {
                if (item.TryGetInt64(out var x) && (max is null || x > max))
                {
                    max = x;
                }
            }

            return max;
        }

        return null;
    }
}
