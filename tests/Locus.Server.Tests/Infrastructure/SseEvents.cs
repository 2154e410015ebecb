using System.Text.Json;

namespace Locus.Server.Tests.Infrastructure;

/// <summary>Splits an SSE body into its <c>data:</c> payloads, asserting OpenAI's framing on the way.</summary>
internal static class SseEvents
{
    public const string Done = "[DONE]";

    public static async Task<List<string>> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return Parse(await response.Content.ReadAsStringAsync());
    }

    public static List<string> Parse(string body)
    {
        Assert.EndsWith("\n\n", body, StringComparison.Ordinal);
        var events = body[..^2].Split("\n\n");
        foreach (var e in events)
        {
            Assert.StartsWith("data: ", e, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', e);
        }
        return [.. events.Select(e => e["data: ".Length..])];
    }

    /// <summary>Every payload but a trailing [DONE], parsed.</summary>
    public static List<JsonElement> Json(IEnumerable<string> events) =>
        [.. events.Where(e => e != Done).Select(e => JsonDocument.Parse(e).RootElement.Clone())];
}
