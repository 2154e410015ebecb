using System.Text.Json;

namespace Locus.Server.Tests.Anthropic;

/// <summary>One event of an Anthropic stream: its <c>event:</c> name and parsed <c>data:</c>.</summary>
internal sealed record AnthropicEvent(string Name, JsonElement Data)
{
    public string Type => Data.GetProperty("type").GetString()!;
}

/// <summary>Splits an Anthropic SSE body into events, asserting the framing: <c>event: x\ndata: {json}\n\n</c>, type matching name.</summary>
internal static class AnthropicSse
{
    public static async Task<List<AnthropicEvent>> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return Parse(await response.Content.ReadAsStringAsync());
    }

    public static List<AnthropicEvent> Parse(string body)
    {
        Assert.EndsWith("\n\n", body, StringComparison.Ordinal);
        var events = new List<AnthropicEvent>();
        foreach (var raw in body[..^2].Split("\n\n"))
        {
            var lines = raw.Split('\n');
            Assert.Equal(2, lines.Length);
            Assert.StartsWith("event: ", lines[0], StringComparison.Ordinal);
            Assert.StartsWith("data: ", lines[1], StringComparison.Ordinal);
            var e = new AnthropicEvent(lines[0]["event: ".Length..], JsonDocument.Parse(lines[1]["data: ".Length..]).RootElement.Clone());
            Assert.Equal(e.Name, e.Type);
            events.Add(e);
        }
        return events;
    }

    /// <summary>The text of every text_delta, joined.</summary>
    public static string Text(IEnumerable<AnthropicEvent> events) => string.Concat(events
        .Where(e => e.Name == "content_block_delta" && e.Data.GetProperty("delta").GetProperty("type").GetString() == "text_delta")
        .Select(e => e.Data.GetProperty("delta").GetProperty("text").GetString()));

    /// <summary>Event names with runs of content_block_delta collapsed to one, for comparing sequences.</summary>
    public static List<string> Shape(IEnumerable<AnthropicEvent> events)
    {
        var shape = new List<string>();
        foreach (var e in events)
        {
            if (!(e.Name == "content_block_delta" && shape.Count > 0 && shape[^1] == "content_block_delta"))
            {
                shape.Add(e.Name);
            }
        }
        return shape;
    }
}
