using System.Text.Json;
using Locus.Server.Endpoints;
using Microsoft.AspNetCore.Http;

namespace Locus.Server.Ollama;

/// <summary>Reads an Ollama request body (see <see cref="RequestBody"/>, which refuses malformed JSON and text) and validates it with <c>parse</c>.</summary>
internal static class OllamaRequestBody
{
    public static async Task<T> ParseAsync<T>(HttpContext context, long maxBytes, Func<JsonElement, T> parse)
    {
        using var body = await RequestBody.ReadAsync(context, maxBytes, anyContentType: true).ConfigureAwait(false);
        return parse(body.RootElement);
    }
}
