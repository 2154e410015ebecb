using Locus.Llama.Tools;

namespace Locus.Llama.Tests.Tools;

/// <summary>Feeds outputs to a fresh parser in pieces and merges the events, so results compare across splits.</summary>
internal static class ParserHarness
{
    public static List<ParsedEvent> Run(ToolCallFormat format, IEnumerable<string> pieces)
    {
        var parser = new ToolCallStreamParser(format);
        var events = new List<ParsedEvent>();
        foreach (var piece in pieces)
        {
            events.AddRange(parser.Feed(piece));
        }

        events.AddRange(parser.Finish());
        return Merge(events);
    }

    public static List<ParsedEvent> Whole(ToolCallFormat format, string output) => Run(format, [output]);

    public static List<ParsedEvent> Merge(IEnumerable<ParsedEvent> events)
    {
        var merged = new List<ParsedEvent>();
        foreach (var e in events)
        {
            var last = merged.Count > 0 ? merged[^1] : null;
            if (e is TextDelta t && last is TextDelta lt)
            {
                merged[^1] = new TextDelta(lt.Text + t.Text);
            }
            else if (e is ArgumentsDelta a && last is ArgumentsDelta la && la.Index == a.Index)
            {
                merged[^1] = new ArgumentsDelta(a.Index, la.Json + a.Json);
            }
            else
            {
                merged.Add(e);
            }
        }

        return merged;
    }

    public static IEnumerable<string> Chunks(string text, int size)
    {
        for (var i = 0; i < text.Length; i += size)
        {
            yield return text.Substring(i, Math.Min(size, text.Length - i));
        }
    }

    /// <summary>Token-like pieces: 1 to 6 characters, sometimes empty, from a seeded generator.</summary>
    public static IEnumerable<string> RandomPieces(string text, int seed)
    {
        var random = new Random(seed);
        var i = 0;
        while (i < text.Length)
        {
            var size = random.Next(0, 7);
            size = Math.Min(size, text.Length - i);
            yield return text.Substring(i, size);
            i += size;
        }
    }

    /// <summary>A call's three events, arguments as written.</summary>
    public static ParsedEvent[] Call(int index, string name, string arguments, string? id = null) =>
        [new CallStarted(index, name), new ArgumentsDelta(index, arguments), new CallEnded(index, arguments, id)];
}
