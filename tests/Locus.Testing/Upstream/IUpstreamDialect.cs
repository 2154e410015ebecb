using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Locus.Testing;

/// <summary>One protocol's request checks and response formats.</summary>
internal interface IUpstreamDialect
{
    string? ApiKey(HttpRequest request);

    bool TryParse(HttpRequest request, JsonElement body, out UpstreamRequest parsed, out string problem);

    Task WriteErrorAsync(HttpContext context, int status, string message);

    Task WriteAsync(HttpContext context, UpstreamAnswer answer);

    Task StreamAsync(SseOut sse, UpstreamAnswer answer);
}
