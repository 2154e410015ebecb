using System.Text;
using Locus.Core.Abstractions;
using Locus.Core.Configuration;
using Locus.Core.Errors;
using Locus.Llama.Native;
using Microsoft.Extensions.AI;

namespace Locus.Llama.Engine;

/// <summary>
/// A local GGUF as an embedding generator: text or token ids in, one L2-normalised vector per input out (as OpenAI and
/// llama-server return them). The embedding context is created on first use and shared by every request for this
/// model; requests take turns on it (one decode already batches all of a request's inputs).
/// </summary>
internal sealed class LlamaEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>, ITokenEmbeddingGenerator
{
    private readonly SafeModelHandle _model;
    private readonly IntPtr _vocab;
    private readonly LlamaOptions _options;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly int _vocabSize;
    private EmbeddingContext? _context;
    private bool _disposed;

    public LlamaEmbeddingGenerator(string id, SafeModelHandle model, int contextLength, LlamaOptions options, TimeProvider time)
    {
        Id = id;
        _model = model;
        _vocab = LlamaApi.Vocab(model);
        _vocabSize = LlamaApi.VocabSize(_vocab);
        _options = options;
        _time = time;
        ContextLength = contextLength;
        Dimensions = LlamaApi.EmbeddingLength(model);
        Metadata = new EmbeddingGeneratorMetadata("llama.cpp", null, id, Dimensions);
    }

    public string Id { get; }

    public int Dimensions { get; }

    public int ContextLength { get; }

    public EmbeddingGeneratorMetadata Metadata { get; }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var inputs = values.Select(v => LlamaApi.Tokenize(_vocab, Encoding.UTF8.GetBytes(v), addSpecial: true, parseSpecial: true)).ToList();
        return EmbedAsync(inputs, options, cancellationToken);
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateFromTokensAsync(IReadOnlyList<IReadOnlyList<int>> inputs,
        EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var copies = new List<int[]>(inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            var tokens = inputs[i].ToArray();
            foreach (var token in tokens)
            {
                if (token < 0 || token >= _vocabSize)
                {
                    throw new LocusException(LocusError.Invalid(
                        $"input[{i}] holds token id {token}, outside this model's vocabulary of {_vocabSize} tokens (0 to {_vocabSize - 1}).",
                        "input", "invalid_token"));
                }
            }

            copies.Add(tokens);
        }

        return EmbedAsync(copies, options, cancellationToken);
    }

    private async Task<GeneratedEmbeddings<Embedding<float>>> EmbedAsync(List<int[]> inputs, EmbeddingGenerationOptions? options,
        CancellationToken cancellationToken)
    {
        var dimensions = CheckDimensions(options?.Dimensions);
        for (var i = 0; i < inputs.Count; i++)
        {
            Check(inputs[i].Length, i);
        }

        var raw = inputs.Count == 0 ? [] : await RunAsync(inputs, cancellationToken).ConfigureAwait(false);
        var created = _time.GetUtcNow();
        var embeddings = new GeneratedEmbeddings<Embedding<float>>(raw.Select(v => new Embedding<float>(EmbeddingVectors.Normalized(v, dimensions))
        {
            ModelId = Id,
            CreatedAt = created,
        }))
        {
            Usage = new UsageDetails { InputTokenCount = inputs.Sum(t => (long)t.Length), TotalTokenCount = inputs.Sum(t => (long)t.Length) },
        };
        return embeddings;
    }

    private async Task<float[][]> RunAsync(List<int[]> inputs, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            // The decode is synchronous native work: keep it off the caller's thread.
            return await Task.Run(() =>
            {
                _context ??= EmbeddingContext.Create(_model, _options, ContextLength, Id);
                return _context.Embed(inputs, cancellationToken);
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private int CheckDimensions(int? asked) => asked switch
    {
        null => Dimensions,
        { } d when d >= 1 && d <= Dimensions => d,
        { } d => throw new LocusException(LocusError.Invalid(
            $"dimensions must be between 1 and {Dimensions} (this model's embedding length), not {d}.", "dimensions", "invalid_dimensions")),
    };

    private void Check(int tokens, int index)
    {
        if (tokens == 0)
        {
            // A model that adds no BOS turns "" into nothing, and nothing has no mean.
            throw new LocusException(LocusError.Invalid($"input[{index}] is empty: each input needs at least one token.", "input", "empty_input"));
        }

        if (tokens > ContextLength)
        {
            throw new LocusException(new LocusError(LocusErrorKind.ContextOverflow,
                $"This model's maximum context length is {ContextLength} tokens; input[{index}] has {tokens} tokens. Shorten or split it.",
                "input", "context_length_exceeded"));
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        // Waits for a decode in flight: the context must not be freed under it.
        _gate.Wait();
        try
        {
            _disposed = true;
            _context?.Dispose();
            _context = null;
        }
        finally
        {
            _gate.Release();
        }
    }
}
