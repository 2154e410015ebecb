using Locus.Gguf;

namespace Locus.Hardware.Models;

/// <summary>A <see cref="ModelShape"/> from a GGUF header as the reader already parsed it (no tensor data is read).</summary>
public static class GgufModelShape
{
    /// <exception cref="ArgumentException">The header lacks the layer or head counts needed to size the KV cache.</exception>
    public static ModelShape From(GgufFile file, string name)
    {
        ArgumentNullException.ThrowIfNull(file);
        var layers = file.BlockCount ?? throw Missing(name, "block_count");
        var heads = file.HeadCount ?? throw Missing(name, "attention.head_count");
        var embedding = file.EmbeddingLength ?? throw Missing(name, "embedding_length");
        // llama.cpp takes the key length from attention.key_length when present, else embedding / heads.
        var headDim = file.KeyLength ?? embedding / heads;
        // With its own output.weight, token_embd is only looked up per token; without, the output layer multiplies by it.
        var lookup = file.Tensors.Any(t => t.Name == "output.weight") ? file.Tensors.FirstOrDefault(t => t.Name == "token_embd.weight") : null;
        return new ModelShape(name, file.ParameterCount, file.TensorBytes, (int)layers, (int)(file.HeadCountKv ?? heads), (int)headDim,
            (int)embedding, (int)heads, (int)(file.FeedForwardLength ?? 4 * embedding), (int)(file.VocabSize ?? 0), file.ContextLength,
            file.Quantization ?? "unknown", lookup?.ElementCount ?? 0, lookup?.ByteSize ?? 0);
    }

    private static ArgumentException Missing(string name, string key) =>
        new($"{name}: the GGUF header has no {{arch}}.{key}, needed to size the KV cache");
}
