using System.Buffers;
using System.Text.Json;
using Locus.Providers.Protocols;
using Microsoft.Extensions.AI;

namespace Locus.Providers;

/// <summary>
/// An OpenAI-compatible target's <c>POST {base}/embeddings</c>, with the chat calls' retries, timeouts and error
/// mapping. The target's configured model is asked, whatever the client named (the client named the target).
/// </summary>
internal sealed class OpenAIEmbeddingGenerator(ProviderOptions options, UpstreamSender sender) : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly EmbeddingGeneratorMetadata metadata = new("openai", options.BaseUrl, options.Model);

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? generationOptions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var inputs = values.ToList();
        var body = Write(inputs, generationOptions?.Dimensions);
        return await sender.GetAsync(body, null, b => Read(b, inputs.Count), cancellationToken).ConfigureAwait(false);
    }

    private ReadOnlyMemory<byte> Write(IReadOnlyList<string> inputs, int? dimensions)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model", options.Model);
            json.WriteStartArray("input");
            foreach (var input in inputs)
            {
                json.WriteStringValue(input);
            }

            json.WriteEndArray();
            // Floats: the answer is read once here, and base64 is re-encoded for the client when it asked for it.
            json.WriteString("encoding_format", "float");
            if (dimensions is { } d)
            {
                json.WriteNumber("dimensions", d);
            }

            json.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    /// <summary>OpenAI's list, vectors put back in input order by their <c>index</c>.</summary>
    private GeneratedEmbeddings<Embedding<float>> Read(ReadOnlySpan<byte> body, int count)
    {
        var reader = new Utf8JsonReader(body);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw new UpstreamProtocolException("the embeddings answer has no 'data' array");
        }

        var vectors = new Embedding<float>?[count];
        foreach (var item in data.EnumerateArray())
        {
            var index = item.TryGetProperty("index", out var i) && i.TryGetInt32(out var n) ? n : -1;
            if (index < 0 || index >= count || vectors[index] is not null)
            {
                throw new UpstreamProtocolException($"the embeddings answer has an item with a bad or repeated index ({index}) for {count} input(s)");
            }

            if (!item.TryGetProperty("embedding", out var embedding) || embedding.ValueKind != JsonValueKind.Array)
            {
                throw new UpstreamProtocolException($"embedding {index} of the answer is not an array of numbers");
            }

            var values = new float[embedding.GetArrayLength()];
            var k = 0;
            foreach (var value in embedding.EnumerateArray())
            {
                values[k++] = value.GetSingle();
            }

            vectors[index] = new Embedding<float>(values) { ModelId = root.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : options.Model };
        }

        if (vectors.Any(v => v is null))
        {
            throw new UpstreamProtocolException($"the embeddings answer has {data.GetArrayLength()} item(s) for {count} input(s)");
        }

        var usage = root.TryGetProperty("usage", out var u) && u.ValueKind == JsonValueKind.Object && u.TryGetProperty("prompt_tokens", out var p)
            && p.TryGetInt64(out var tokens)
            ? new UsageDetails { InputTokenCount = tokens, TotalTokenCount = tokens }
            : null;
        return new GeneratedEmbeddings<Embedding<float>>(vectors!) { Usage = usage };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        // The chat client owns the HTTP client.
    }
}
