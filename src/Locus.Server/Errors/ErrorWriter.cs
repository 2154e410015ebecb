using Locus.Server.Protocol;
using Locus.Server.Sse;
using Microsoft.AspNetCore.Http;

namespace Locus.Server.Errors;

internal static class ErrorWriter
{
    /// <summary>Replaces whatever the response held with the OpenAI-style error body.</summary>
    public static async Task WriteAsync(HttpContext context, ApiError error)
    {
        var response = context.Response;
        response.Clear();
        response.StatusCode = error.Status;
        if (error.RetryAfterHeader is { } retry)
            response.Headers.RetryAfter = retry;
        if (error.Status == StatusCodes.Status401Unauthorized)
            response.Headers.WWWAuthenticate = "Bearer";
        await JsonResponse.WriteAsync(context, error.ToEnvelope(), ServerJsonContext.Wire.ErrorEnvelope, error.Status);
    }

    /// <summary>
    /// After an SSE stream has begun the status line is gone; OpenAI then sends one <c>data: {"error":{...}}</c> event
    /// and closes the stream without <c>[DONE]</c>, so a client cannot mistake the cut-off text for a finished answer.
    /// </summary>
    public static async Task WriteSseAsync(HttpContext context, ApiError error)
    {
        var sse = new SseWriter(context.Response);
        await sse.WriteAsync(error.ToEnvelope(), ServerJsonContext.Wire.ErrorEnvelope, CancellationToken.None);
    }
}
