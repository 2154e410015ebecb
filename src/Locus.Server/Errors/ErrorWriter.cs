using Locus.Server.Responses;
using Locus.Server.Sse;
using Locus.Server.Ollama;
using Locus.Wire.Anthropic;
using Locus.Wire.Ollama;
using Locus.Wire.OpenAI;
using Locus.Wire.Responses;
using Microsoft.AspNetCore.Http;

namespace Locus.Server.Errors;

/// <summary>
/// Writes errors in OpenAI's shape, Anthropic's on <c>/v1/messages</c> (see <see cref="AnthropicErrors"/>) or Ollama's
/// on <c>/api/*</c> (see <see cref="OllamaErrors"/>).
/// </summary>
internal static class ErrorWriter
{
    /// <summary>Replaces whatever the response held with the error body.</summary>
    public static async Task WriteAsync(HttpContext context, ApiError error)
    {
        var response = context.Response;
        response.Clear();
        response.StatusCode = error.Status;
        if (error.RetryAfterHeader is { } retry)
        {
            response.Headers.RetryAfter = retry;
        }

        if (error.Status == StatusCodes.Status401Unauthorized)
        {
            response.Headers.WWWAuthenticate = "Bearer";
        }

        if (AnthropicErrors.Applies(context.Request))
        {
            await JsonResponse.WriteAsync(context, AnthropicErrors.Envelope(error.Status, error.Message), AnthropicJson.ErrorEnvelope, error.Status).ConfigureAwait(false);
        }
        else if (OllamaErrors.Applies(context.Request))
        {
            await JsonResponse.WriteAsync(context, OllamaErrors.Body(error.Message), OllamaJson.Error, error.Status).ConfigureAwait(false);
        }
        else
        {
            await JsonResponse.WriteAsync(context, error.ToEnvelope(), OpenAIJson.ErrorEnvelope, error.Status).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// After an SSE stream has begun the status line is gone; OpenAI then sends one <c>data: {"error":{...}}</c> event
    /// and closes the stream without <c>[DONE]</c>, so a client cannot mistake the cut-off text for a finished answer.
    /// Anthropic's stream gets an <c>event: error</c> instead, and no message_stop; a Responses stream an <c>error</c>
    /// event with the next sequence number, and no response.completed.
    /// </summary>
    public static async Task WriteSseAsync(HttpContext context, ApiError error)
    {
        var sse = new SseWriter(context.Response);
        if (context.Items.TryGetValue(ResponsesChunkFormat.ItemsKey, out var stream) && stream is ResponsesChunkFormat responses)
        {
            var e = responses.ErrorEvent(error.Code, error.Message, error.Param);
            await sse.WriteEventAsync(e.Type, e, ResponsesJson.Event, CancellationToken.None).ConfigureAwait(false);
        }
        else if (AnthropicErrors.Applies(context.Request))
        {
            await sse.WriteEventAsync("error", AnthropicErrors.Envelope(error.Status, error.Message), AnthropicJson.ErrorEnvelope, CancellationToken.None).ConfigureAwait(false);
        }
        else
        {
            await sse.WriteAsync(error.ToEnvelope(), OpenAIJson.ErrorEnvelope, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// After an Ollama NDJSON stream has begun, the error is its last line, <c>{"error":"..."}</c>, with no
    /// <c>"done":true</c> line: Ollama's clients raise it, and none mistakes the cut-off text for a finished answer.
    /// </summary>
    public static async Task WriteNdjsonAsync(HttpContext context, ApiError error) =>
        await new NdjsonWriter(context.Response).WriteAsync(OllamaErrors.Body(error.Message), OllamaJson.Error, CancellationToken.None).ConfigureAwait(false);
}
