using Locus.Core.Abstractions;
using Locus.Core.Configuration;
using Locus.Core.Errors;
using Locus.Gguf;
using Locus.Llama.Engine;
using Locus.Llama.Native;
using Microsoft.Extensions.Logging;

namespace Locus.Llama;

/// <summary>Loads GGUF files into llama.cpp and serves each as an <c>IChatClient</c> (with <see cref="ITextCompletionClient"/>).</summary>
public static class LlamaModels
{
    /// <summary>The llama.cpp build and devices this process runs on; null until the first load.</summary>
    public static NativeBackend? Backend => LlamaRuntime.Backend;

    /// <summary>
    /// Loads every model in <paramref name="models"/>. Failures are <see cref="LocusException"/>s whose message says what
    /// is missing and how to fix it (native library not found, file missing or not GGUF, unknown chat template, ...).
    /// </summary>
    public static async Task<IModelCatalog> LoadAsync(
        IReadOnlyList<LocalModelSpec> models,
        LlamaOptions options,
        ILoggerFactory? loggerFactory = null,
        IProgress<ModelLoadProgress>? progress = null,
        TimeProvider? time = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(options);
        time ??= TimeProvider.System;
        LlamaRuntime.EnsureInitialized(options, loggerFactory);
        var clients = new List<LlamaChatClient>();
        EmbeddingOnlyClient? embedder = null;
        try
        {
            foreach (var spec in models)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var id = spec.Id ?? Path.GetFileNameWithoutExtension(spec.Path);
                if (!File.Exists(spec.Path))
                {
                    throw new LocusException(LocusError.Invalid($"model file not found: {spec.Path}", "model", "model_file_not_found"));
                }

                CheckGguf(spec.Path);
                if (clients.Any(c => c.Model.Id == id))
                {
                    throw new LocusException(LocusError.Invalid($"two models have the id '{id}'; give one an explicit id", "model"));
                }

                // llama.cpp loads synchronously; keep it off the caller's thread so a UI can draw progress.
                var model = await Task.Run(() => LlamaLocalModel.Load(id, spec.Path, options, time,
                    progress is null ? null : f => progress.Report(new ModelLoadProgress(id, f))), cancellationToken).ConfigureAwait(false);
                clients.Add(new LlamaChatClient(model, time));
            }

            if (options.EmbeddingModel is { } embeddingPath)
            {
                embedder = await LoadEmbedderAsync(embeddingPath, clients, options, time, progress, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            foreach (var client in clients)
            {
                client.Model.Dispose();
            }

            throw;
        }

        return new LlamaModelCatalog(clients, embedder, time.GetUtcNow());
    }

    /// <summary><c>llama.embedding_model</c>: a GGUF served for embeddings only, under its file name.</summary>
    private static async Task<EmbeddingOnlyClient> LoadEmbedderAsync(string path, List<LlamaChatClient> clients, LlamaOptions options,
        TimeProvider time, IProgress<ModelLoadProgress>? progress, CancellationToken cancellationToken)
    {
        var id = Path.GetFileNameWithoutExtension(path);
        if (!File.Exists(path))
        {
            throw new LocusException(LocusError.Invalid($"embedding model file not found: {path} (llama.embedding_model)", "llama.embedding_model",
                "model_file_not_found"));
        }

        CheckGguf(path);
        if (clients.Any(c => c.Model.Id == id))
        {
            throw new LocusException(LocusError.Invalid(
                $"llama.embedding_model '{id}' has the id of a chat model; chat models embed too, so leave llama.embedding_model unset " +
                "or rename one file", "llama.embedding_model"));
        }

        return await Task.Run(() => EmbeddingOnlyClient.Load(id, path, options, time,
            progress is null ? null : f => progress.Report(new ModelLoadProgress(id, f))), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the header in C# first: a corrupt file gets a precise message instead of llama.cpp's log noise.</summary>
    private static void CheckGguf(string path)
    {
        try
        {
            GgufReader.Read(path);
        }
        catch (GgufFormatException e)
        {
            throw new LocusException(LocusError.Invalid($"'{path}' is not a usable GGUF model: {e.Message}", "model", "model_file_invalid"), e);
        }
    }
}

/// <param name="Path">The GGUF file.</param>
/// <param name="Id">The id clients send as <c>model</c>; default: the file name without <c>.gguf</c>.</param>
public sealed record LocalModelSpec(string Path, string? Id = null);

/// <param name="ModelId">Which model is loading.</param>
/// <param name="Fraction">0..1.</param>
public readonly record struct ModelLoadProgress(string ModelId, float Fraction);
