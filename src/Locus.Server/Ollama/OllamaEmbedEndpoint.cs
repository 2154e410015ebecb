using System.Text.Json;
using Locus.Core.Abstractions;
using Locus.Server.Endpoints;
using Locus.Server.Errors;
using Locus.Server.Protocol;
using Locus.Wire.Ollama;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;

namespace Locus.Server.Ollama;

/// <summary>
/// <c>POST /api/embed</c> (one text or many) and the older <c>POST /api/embeddings</c> (one prompt), answered by the
/// named model's embedding generator (<see cref="ServerState.FindEmbedder"/>). Not routed: vectors from different
/// models are not comparable, so the model named is the model that answers.
/// </summary>
internal sealed class OllamaEmbedEndpoint(ServerState state)
{
    /// <summary>Most texts in one request: a batch larger than this is a client bug more often than a need.</summary>
    public const int MaxInputs = 2048;

    public async Task EmbedAsync(HttpContext context)
    {
        var (name, inputs, truncate, dimensions) = await OllamaRequestBody.ParseAsync(context, state.Options.MaxRequestBodyBytes, root =>
        {
            var parsed = (Fields.RequiredString(root, "model"), Inputs(root), Fields.Boolean(root, "truncate") ?? true,
                (int?)Fields.Integer(root, "dimensions", 1, 1 << 16));
            OllamaOptionsParser.Parse(root, parsed.Item1);
            return parsed;
        }).ConfigureAwait(false);

        var id = OllamaModelNames.Resolve(state.Catalog, name);
        var clock = new OllamaClock(state.Time);
        var (vectors, tokens) = await EmbedAsync(id, inputs, truncate, dimensions, context.RequestAborted).ConfigureAwait(false);
        var reply = new OllamaEmbedReply
        {
            Model = name,
            Embeddings = vectors,
            TotalDuration = clock.TotalNanoseconds,
            LoadDuration = 0,
            PromptEvalCount = tokens,
        };
        await JsonResponse.WriteAsync(context, reply, OllamaJson.EmbedReply).ConfigureAwait(false);
    }

    public async Task EmbeddingsAsync(HttpContext context)
    {
        var (name, prompt) = await OllamaRequestBody.ParseAsync(context, state.Options.MaxRequestBodyBytes, root =>
        {
            var parsed = (Fields.RequiredString(root, "model"), Fields.OptionalString(root, "prompt", "prompt") ?? "");
            OllamaOptionsParser.Parse(root, parsed.Item1);
            return parsed;
        }).ConfigureAwait(false);

        var id = OllamaModelNames.Resolve(state.Catalog, name);
        // Ollama answers an empty prompt with an empty vector (it only loads the model).
        var (vectors, _) = prompt.Length == 0
            ? ([[]], 0)
            : await EmbedAsync(id, [prompt], truncate: true, dimensions: null, context.RequestAborted).ConfigureAwait(false);
        await JsonResponse.WriteAsync(context, new OllamaEmbeddingReply { Embedding = vectors[0] }, OllamaJson.EmbeddingReply).ConfigureAwait(false);
    }

    private async Task<(float[][] Vectors, long Tokens)> EmbedAsync(
        string id, List<string> inputs, bool truncate, int? dimensions, CancellationToken cancellationToken)
    {
        var generator = state.FindEmbedder(id);
        if (inputs.Count == 0)
        {
            return ([], 0);
        }

        var counter = state.FindModel(id).GetService(typeof(ITokenCounter)) as ITokenCounter;
        long counted = 0;
        if (counter is not null)
        {
            for (var i = 0; i < inputs.Count; i++)
            {
                var tokens = counter.CountTextTokens(inputs[i]);
                counted += tokens;
                if (!truncate && tokens > counter.ContextLength)
                {
                    throw Fields.Invalid(inputs.Count == 1 ? "input" : $"input[{i}]", "context_length_exceeded",
                        $"The input length ({tokens} tokens) exceeds the model's context length ({counter.ContextLength}); send truncate: true to cut it to fit.");
                }
            }
        }

        var options = new EmbeddingGenerationOptions
        {
            Dimensions = dimensions,
            AdditionalProperties = new() { ["truncate"] = truncate },
        };
        var generated = await generator.GenerateAsync(inputs, options, cancellationToken).ConfigureAwait(false);
        var vectors = generated.Select(e => Fit(e.Vector.ToArray(), dimensions)).ToArray();
        return (vectors, generated.Usage?.InputTokenCount ?? counted);
    }

    /// <summary>
    /// A generator that ignores <see cref="EmbeddingGenerationOptions.Dimensions"/> returns the full vector; Ollama then
    /// keeps the first <paramref name="dimensions"/> values and scales them back to unit length, and so does this.
    /// </summary>
    private static float[] Fit(float[] vector, int? dimensions)
    {
        if (dimensions is not { } n || vector.Length <= n)
        {
            return vector;
        }

        var cut = vector[..n];
        var norm = MathF.Sqrt(cut.Sum(v => v * v));
        if (norm > 0)
        {
            for (var i = 0; i < cut.Length; i++)
            {
                cut[i] /= norm;
            }
        }

        return cut;
    }

    // input: one string or an array of strings; absent is Ollama's "load the model" request (no vectors).
    private static List<string> Inputs(JsonElement root)
    {
        if (!Fields.TryGet(root, "input", out var input))
        {
            return [];
        }

        if (input.ValueKind == JsonValueKind.String)
        {
            return input.GetString() is { Length: > 0 } one ? [one] : throw Fields.Invalid("input", "invalid_value", "'input' must not be empty.");
        }

        if (input.ValueKind != JsonValueKind.Array)
        {
            throw Fields.WrongType("input", "a string or an array of strings", input);
        }

        if (input.GetArrayLength() > MaxInputs)
        {
            throw Fields.Invalid("input", "invalid_value", $"'input' may hold at most {MaxInputs} texts, but holds {input.GetArrayLength()}.");
        }

        var list = new List<string>(input.GetArrayLength());
        var i = 0;
        foreach (var item in input.EnumerateArray())
        {
            var param = $"input[{i++}]";
            var text = item.ValueKind == JsonValueKind.String ? item.GetString()! : throw Fields.WrongType(param, "a string", item);
            list.Add(text.Length > 0 ? text : throw Fields.Invalid(param, "invalid_value", $"'{param}' must not be empty."));
        }

        return list;
    }
}
