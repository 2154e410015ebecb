using System.Text.Json;

namespace Locus.Testing;

/// <summary>The upstream's notion of tokens (words), message text, and stream chunks.</summary>
internal static class Words
{
    public static int Count(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>The text of a message's content: a string, or the <c>text</c> of its parts/blocks.</summary>
    public static string Text(JsonElement content) => content.ValueKind switch
    {
        JsonValueKind.String => content.GetString()!,
        JsonValueKind.Array => string.Join(" ", content.EnumerateArray()
            .Select(p => p.ValueKind == JsonValueKind.Object && p.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null)
            .Where(t => t is not null)),
        _ => "",
    };

    /// <summary>Splits text into chunks of <paramref name="size"/> characters without splitting surrogate pairs.</summary>
    public static IEnumerable<string> Chunks(string text, int size)
    {
        size = Math.Max(1, size);
        for (var start = 0; start < text.Length;)
        {
            var length = Math.Min(size, text.Length - start);
            if (start + length < text.Length && char.IsHighSurrogate(text[start + length - 1]))
            {
                length++;
            }

            yield return text.Substring(start, length);
            start += length;
        }
    }
}
