using Locus.Gguf;
using Locus.Hardware.Models;

namespace Locus.Hardware.Synthetic;

/// <summary>
/// The real shape behind a <see cref="SyntheticSpec"/>: the family's published preset nearest in size. Within 30% of a
/// preset the preset is used unchanged (<c>llama:1b</c> is Llama-3.2 1B's 1.24B); further away the preset's widths are
/// kept and its layer count scaled so the total matches the size asked for. The vocabulary is the preset's (the
/// tokenizer is padded): embedding and output matrices are a large share of small models — 28% of Qwen2.5 0.5B.
/// </summary>
public static class SyntheticShapes
{
    private static readonly Dictionary<string, string> FamilyPrefixes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["llama"] = "Llama",
        ["qwen2"] = "Qwen2",
    };

    /// <summary>The canonical family name for <paramref name="architecture"/>.</summary>
    public static string Family(string architecture) =>
        FamilyPrefixes.Keys.FirstOrDefault(k => string.Equals(k, architecture, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown architecture '{architecture}'; known: {string.Join(", ", FamilyPrefixes.Keys)}");

    public static ArchitecturePresets.Preset Preset(SyntheticSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var prefix = FamilyPrefixes[spec.Architecture];
        return ArchitecturePresets.All.Where(p => p.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .MinBy(p => Math.Abs(Math.Log(p.ParamsB / spec.ParamsB)))!;
    }

    /// <summary>The writer's options for <paramref name="spec"/>; the context is what the benchmark needs, not the preset's.</summary>
    public static RandomModelOptions Options(SyntheticSpec spec, int contextLength)
    {
        var p = Preset(spec);
        return new RandomModelOptions
        {
            EmbeddingLength = p.Embedding,
            LayerCount = Layers(spec, p),
            HeadCount = p.Heads,
            HeadCountKv = p.KvHeads,
            FeedForwardLength = p.FeedForward,
            ContextLength = contextLength,
            WeightType = spec.WeightType,
            VocabSize = p.Vocab,
            TiedEmbeddings = p.TiedEmbeddings,
            Name = $"synthetic {spec} shaped like {p.Name} (RANDOM weights, not a trained model)",
        };
    }

    /// <summary>Weights in one transformer block: attention (Q, K, V, O), the gated FFN, two norm vectors.</summary>
    public static long LayerParameters(ArchitecturePresets.Preset p)
    {
        ArgumentNullException.ThrowIfNull(p);
        long embd = p.Embedding, kv = (long)p.KvHeads * p.HeadDim;
        return (2 * embd * embd) + (2 * embd * kv) + (3 * embd * p.FeedForward) + (2 * embd);
    }

    private static int Layers(SyntheticSpec spec, ArchitecturePresets.Preset p)
    {
        if (Math.Abs(Math.Log(p.ParamsB / spec.ParamsB)) <= Math.Log(1.3))
        {
            return p.Layers;
        }

        var embeddings = (long)p.Vocab * p.Embedding * (p.TiedEmbeddings ? 1 : 2);
        return (int)Math.Max(1, Math.Round(((spec.ParamsB * 1e9) - embeddings) / LayerParameters(p)));
    }
}
