using Locus.Core.Abstractions;
using Locus.Core.Configuration;
using Microsoft.Extensions.Logging;

namespace Locus.Llama;

/// <summary>Loads GGUF files into llama.cpp and serves each as an <c>IChatClient</c> (with <see cref="ITextCompletionClient"/>).</summary>
public static class LlamaModels
{
    /// <summary>
    /// Loads every model in <paramref name="models"/>. Failures are <see cref="Locus.Core.Errors.LocusException"/>s whose
    /// message says what is missing and how to fix it (native library not found, file not GGUF, no chat template, ...).
    /// </summary>
    public static Task<IModelCatalog> LoadAsync(
        IReadOnlyList<LocalModelSpec> models,
        LlamaOptions options,
        ILoggerFactory? loggerFactory = null,
        IProgress<ModelLoadProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();
}

/// <param name="Path">The GGUF file.</param>
/// <param name="Id">The id clients send as <c>model</c>; default: the file name without <c>.gguf</c>.</param>
public sealed record LocalModelSpec(string Path, string? Id = null);

/// <param name="ModelId">Which model is loading.</param>
/// <param name="Fraction">0..1.</param>
public readonly record struct ModelLoadProgress(string ModelId, float Fraction);
