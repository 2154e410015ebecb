using System.Text;
using System.Text.Json;
using Locus.Core.Abstractions;
using Locus.Llama.Tools;
using Microsoft.Extensions.AI;

namespace Locus.Llama.Chat;

/// <summary>
/// Reads one response's tool calls out of the model's text as it streams: ordinary text passes through, each call
/// streams as <see cref="ToolCallDeltaContent"/> pieces (arguments exactly as the model writes them) and ends as a
/// whole <see cref="FunctionCallContent"/>.
/// </summary>
internal sealed class LocalToolCalls(ToolCallFormat format)
{
    private readonly ToolCallStreamParser _parser = new(format);
    private readonly Dictionary<int, (string Id, string Name, StringBuilder Arguments)> _open = [];

    /// <summary>Calls completed so far.</summary>
    public int Count { get; private set; }

    public IReadOnlyList<AIContent> Feed(string piece) => Convert(_parser.Feed(piece));

    public IReadOnlyList<AIContent> Finish() => Convert(_parser.Finish());

    /// <summary>The contents of a whole (non-streamed) message: the text joined, the finished calls; the pieces go.</summary>
    public static List<AIContent> Whole(IEnumerable<AIContent> contents)
    {
        var whole = new List<AIContent>();
        var text = new StringBuilder();
        foreach (var content in contents)
        {
            switch (content)
            {
                case TextContent t:
                    text.Append(t.Text);
                    break;
                case FunctionCallContent call:
                    whole.Add(call);
                    break;
            }
        }

        if (text.Length > 0)
        {
            whole.Insert(0, new TextContent(text.ToString()));
        }

        return whole;
    }

    private List<AIContent> Convert(IReadOnlyList<ParsedEvent> events)
    {
        var contents = new List<AIContent>(events.Count);
        foreach (var e in events)
        {
            switch (e)
            {
                case TextDelta text when text.Text.Length > 0:
                    contents.Add(new TextContent(text.Text));
                    break;
                case CallStarted started:
                    var id = NewCallId();
                    _open[started.Index] = (id, started.Name, new StringBuilder());
                    contents.Add(new ToolCallDeltaContent(started.Index) { CallId = id, Name = started.Name });
                    break;
                case ArgumentsDelta delta when delta.Json.Length > 0:
                    _open[delta.Index].Arguments.Append(delta.Json);
                    contents.Add(new ToolCallDeltaContent(delta.Index) { ArgumentsDelta = delta.Json });
                    break;
                case CallEnded ended:
                    contents.Add(End(ended.Index, ended.ArgumentsJson));
                    break;
                case MalformedCall { Index: { } index }:
                    // Cut off (max_tokens) or broken after it began: the client has seen it start, so it ends with the
                    // arguments written so far, as OpenAI returns a call truncated by max_tokens.
                    contents.Add(End(index, _open[index].Arguments.ToString()));
                    break;
                case MalformedCall malformed:
                    // Broken before a name was known: nothing was shown as a call, so the model's words stay visible.
                    contents.Add(new TextContent(malformed.RawText));
                    break;
            }
        }

        return contents;
    }

    private FunctionCallContent End(int index, string argumentsJson)
    {
        var (id, name, _) = _open[index];
        _open.Remove(index);
        Count++;
        return Call(id, name, argumentsJson);
    }

    private static FunctionCallContent Call(string id, string name, string argumentsJson)
    {
        // Keep the text as the model wrote it, so answers carry the arguments unchanged (compact stays compact).
        return FunctionCallContent.CreateFromParsedArguments(argumentsJson, id, name, ParseArguments).WithArgumentsJson(argumentsJson);
    }

    private static Dictionary<string, object?>? ParseArguments(string json)
    {
        using var document = JsonDocument.Parse(json.Length == 0 ? "{}" : json);
        return document.RootElement.ValueKind == JsonValueKind.Object
            ? document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone())
            : null;
    }

    private static string NewCallId() => "call_" + Guid.NewGuid().ToString("N")[..24];
}
