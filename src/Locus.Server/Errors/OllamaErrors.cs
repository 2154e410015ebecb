using Locus.Wire.Ollama;
using Microsoft.AspNetCore.Http;

namespace Locus.Server.Errors;

/// <summary>
/// Every error on <c>/api/*</c> is written in Ollama's shape, <c>{"error":"message"}</c>, so Ollama clients show the
/// message (ollama-js and ollama-python raise it as their ResponseError). The HTTP status is the one the OpenAI side
/// uses for the same failure (400 bad request, 404 model not found, 413, 415, 429, 503...), as Ollama's own statuses
/// are; only the body differs. A stream that fails after it began ends with one <c>{"error":...}</c> line.
/// </summary>
internal static class OllamaErrors
{
    private const string Path = "/api";

    public static bool Applies(HttpRequest request) =>
        request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase);

    public static OllamaError Body(string message) => new() { Error = message };
}
