namespace Locus.Hardware.Models;

/// <summary>
/// Published shapes of common models (their Hugging Face config.json), used for <c>--params-b N</c> without a file:
/// the preset nearest in size supplies layers and heads, scaled so the parameter count matches N.
/// </summary>
public static class ArchitecturePresets
{
    /// <summary>One published shape. Parameters in billions.</summary>
    public sealed record Preset(string Name, double ParamsB, int Layers, int Heads, int KvHeads, int HeadDim, int Embedding, int FeedForward, int Vocab, int Context, bool TiedEmbeddings);

    public static IReadOnlyList<Preset> All { get; } =
    [
        new("Qwen2.5 0.5B", 0.49, 24, 14, 2, 64, 896, 4864, 151936, 32768, TiedEmbeddings: true),
        new("Llama-3.2 1B", 1.24, 16, 32, 8, 64, 2048, 8192, 128256, 131072, TiedEmbeddings: true),
        new("Llama-3.2 3B", 3.21, 28, 24, 8, 128, 3072, 8192, 128256, 131072, TiedEmbeddings: true),
        new("Llama-2 7B", 6.74, 32, 32, 32, 128, 4096, 11008, 32000, 4096, TiedEmbeddings: false),
        new("Llama-3 8B", 8.03, 32, 32, 8, 128, 4096, 14336, 128256, 8192, TiedEmbeddings: false),
        new("Llama-2 13B", 13.0, 40, 40, 40, 128, 5120, 13824, 32000, 4096, TiedEmbeddings: false),
        new("Qwen2.5 32B", 32.8, 64, 40, 8, 128, 5120, 27648, 152064, 32768, TiedEmbeddings: false),
        new("Llama-3 70B", 70.6, 80, 64, 8, 128, 8192, 28672, 128256, 8192, TiedEmbeddings: false),
        new("Llama-3.1 405B", 405.9, 126, 128, 8, 128, 16384, 53248, 128256, 131072, TiedEmbeddings: false),
    ];

    /// <summary>The preset whose size is nearest to <paramref name="paramsB"/> on a log scale.</summary>
    public static Preset Nearest(double paramsB) =>
        All.MinBy(p => Math.Abs(Math.Log(p.ParamsB / paramsB)))!;

    /// <summary>A model of <paramref name="paramsB"/> billion weights at <paramref name="bitsPerWeight"/>, shaped like the nearest preset.</summary>
    public static ModelShape Shape(double paramsB, string quant, double bitsPerWeight, string? presetName = null)
    {
        var preset = presetName is null ? Nearest(paramsB) : Find(presetName);
        var parameters = (long)Math.Round(paramsB * 1e9);
        // An untied input embedding table is only looked up; at the model's average bits per weight (an approximation).
        var lookup = preset.TiedEmbeddings ? 0 : Math.Min((long)preset.Vocab * preset.Embedding, parameters / 4);
        return new ModelShape($"{paramsB:0.##}B {quant} (shaped like {preset.Name})", parameters, (long)Math.Round(parameters * bitsPerWeight / 8),
            preset.Layers, preset.KvHeads, preset.HeadDim, preset.Embedding, preset.Heads, preset.FeedForward, preset.Vocab, preset.Context, quant.ToUpperInvariant(),
            lookup, (long)Math.Round(lookup * bitsPerWeight / 8));
    }

    public static Preset Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"no architecture preset '{name}' (known: {string.Join(", ", All.Select(p => p.Name))})", nameof(name));
}
