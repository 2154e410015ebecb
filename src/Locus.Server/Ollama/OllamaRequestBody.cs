using System.Text.Json;
using Locus.Server.Endpoints;
using Locus.Server.Protocol;
using Microsoft.AspNetCore.Http;

namespace Locus.Server.Ollama;

/// <summary>Reads an Ollama request body (see <see cref="RequestBody"/>) and validates it with <c>parse</c>.</summary>
internal static class OllamaRequestBody
{
    public static async Task<T> ParseAsync<T>(HttpContext context, long maxBytes, Func<JsonElement, T> parse)
    {
        using var body = await RequestBody.ReadAsync(context, maxBytes).ConfigureAwait(false);
        try
        {
            return parse(body.RootElement);
        }
        catch (InvalidOperationException)
        {
            // JsonDocument accepts a lone surrogate escape ("\uD800") and fails only when the string is read; that is
            // the client's malformed text, not a server fault.
            throw Fields.Invalid(null, "invalid_json",
                "The request body holds a string that is not valid Unicode (a lone surrogate escape such as \\uD800).");
        }
    }
}
