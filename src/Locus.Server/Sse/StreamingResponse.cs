using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Locus.Server.Sse;

/// <summary>The 200 headers every streamed answer (SSE or NDJSON) starts with.</summary>
internal static class StreamingResponse
{
    /// <summary>Sends the headers with buffering off, so every token reaches the client as it is generated.</summary>
    public static void Start(HttpContext context, string contentType)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.Headers.CacheControl = "no-cache";
        // Reverse proxies (nginx) buffer responses unless told otherwise.
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
    }
}
