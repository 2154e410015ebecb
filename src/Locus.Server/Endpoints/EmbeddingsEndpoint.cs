using System.Buffers.Binary;
using Locus.Core.Abstractions;
using Locus.Core.Errors;
using Locus.Server.Errors;
using Locus.Server.Protocol;
using Locus.Wire.OpenAI;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Locus.Server.Endpoints;

/// <summary>
/// <c>POST /v1/embeddings</c>: one vector per input, from a local model (chat models embed too, and
/// <c>llama.embedding_model</c> serves a dedicated one) or, through the privacy check, an OpenAI-compatible target.
/// </summary>
internal sealed partial class EmbeddingsEndpoint(ServerState state)
{
    public async Task HandleAsync(HttpContext context)
    {
        EmbeddingsRequest request;
        using (var body = await RequestBody.ReadAsync(context, state.Options.MaxRequestBodyBytes).ConfigureAwait(false))
        {
            request = EmbeddingsRequest.Parse(body.RootElement);
        }

        var generator = state.FindEmbedder(request.Model, ServerState.PrivacyOf(context));
        var options = request.Dimensions is { } d ? new EmbeddingGenerationOptions { Dimensions = d } : null;
        var started = state.Time.GetTimestamp();
        var cancellationToken = context.RequestAborted;
        GeneratedEmbeddings<Embedding<float>> result;
        if (request.Texts is { } texts)
        {
            if (state.Logger.IsEnabled(LogLevel.Trace))
            {
                LogInput(state.Logger, request.Model, string.Join("\n", texts));
            }

            result = await generator.GenerateAsync(texts, options, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var tokens = generator.GetService(typeof(ITokenEmbeddingGenerator)) as ITokenEmbeddingGenerator
                ?? throw new LocusException(LocusError.Invalid(
                    $"The model '{request.Model}' takes text only: token ids belong to one model's vocabulary, and only local models " +
                    "read them here (text bound for a remote target also passes the privacy check, which ids cannot). Send 'input' as strings.",
                    "input", "unsupported_value"));
            result = await tokens.GenerateFromTokensAsync(request.Tokens!, options, cancellationToken).ConfigureAwait(false);
        }

        if (result.Count != request.Count)
        {
            throw new LocusException(new LocusError(LocusErrorKind.UpstreamFailed,
                $"The model '{request.Model}' returned {result.Count} embeddings for {request.Count} inputs.", Code: "upstream_invalid_response"));
        }

        var promptTokens = result.Usage?.InputTokenCount ?? 0;
        var usage = new EmbeddingUsage { PromptTokens = promptTokens, TotalTokens = result.Usage?.TotalTokenCount ?? promptTokens };
        if (request.Base64)
        {
            await JsonResponse.WriteAsync(context, new EmbeddingList<string>
            {
                Data = [.. result.Select((e, i) => new EmbeddingItem<string> { Index = i, Embedding = Base64(e.Vector.Span) })],
                Model = request.Model,
                Usage = usage,
            }, OpenAIJson.Base64Embeddings).ConfigureAwait(false);
        }
        else
        {
            await JsonResponse.WriteAsync(context, new EmbeddingList<float[]>
            {
                Data = [.. result.Select((e, i) => new EmbeddingItem<float[]> { Index = i, Embedding = e.Vector.ToArray() })],
                Model = request.Model,
                Usage = usage,
            }, OpenAIJson.FloatEmbeddings).ConfigureAwait(false);
        }

        LogFinished(state.Logger, request.Model, request.Count, promptTokens, (long)state.Time.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>OpenAI's base64 form: the float32 values as little-endian bytes, whatever this machine's byte order.</summary>
    internal static string Base64(ReadOnlySpan<float> vector)
    {
        var bytes = new byte[vector.Length * sizeof(float)];
        for (var i = 0; i < vector.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), vector[i]);
        }

        return Convert.ToBase64String(bytes);
    }

    [LoggerMessage(2110, LogLevel.Information, "embeddings {Model}: {Inputs} input(s), {PromptTokens} tokens in {ElapsedMs} ms")]
    private static partial void LogFinished(ILogger logger, string model, int inputs, long promptTokens, long elapsedMs);

    [LoggerMessage(2111, LogLevel.Trace, "embeddings {Model} input: {Input}")]
    private static partial void LogInput(ILogger logger, string model, string input);
}
