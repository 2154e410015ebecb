using System.Text;

namespace Locus.Llama.Tools;

/// <summary>
/// What follows Mistral's [TOOL_CALLS]. Both forms are accepted whatever the template showed, since a model
/// running without the grammar may write either: the JSON array of Nemo, <c>[{"name": …, "arguments": …, "id": …}, …]</c>,
/// or the newer <c>name[CALL_ID]id[ARGS]{…}</c> (the id part optional).
/// </summary>
internal sealed class MistralCallReader(CallSink sink) : ICallReader
{
    private const int MaxNameLength = 256;
    private static readonly string[] ArgumentKeys = ["arguments", "parameters"];

    private enum State { Start, ElementStart, Element, ElementAfter, Name, ArgumentsStart, Arguments }

    private readonly StringBuilder _name = new();
    private State _state = State.Start;
    private CallObjectReader? _element;
    private JsonValueScanner? _scanner;
    private string? _id;
    private int _elements;

    public string? Failure { get; private set; }

    public bool Committed => true;

    public ReadResult Feed(char c)
    {
        switch (_state)
        {
            case State.Start:
                if (c == '[')
                {
                    _state = State.ElementStart;
                    return ReadResult.Continue;
                }

                _state = State.Name;
                return Feed(c);

            case State.ElementStart:
                if (char.IsWhiteSpace(c))
                {
                    return ReadResult.Continue;
                }

                if (c == ']' && _elements == 0)
                {
                    return ReadResult.Done;
                }

                _element = new CallObjectReader(sink, ArgumentKeys, probe: false);
                _state = State.Element;
                return Feed(c);

            case State.Element:
                switch (_element!.Feed(c))
                {
                    case ReadResult.Continue:
                        return ReadResult.Continue;
                    case ReadResult.Done:
                        _elements++;
                        _state = State.ElementAfter;
                        return ReadResult.Continue;
                    default:
                        return Fail(_element.Failure ?? "bad tool call");
                }

            case State.ElementAfter:
                if (char.IsWhiteSpace(c))
                {
                    return ReadResult.Continue;
                }

                if (c == ',')
                {
                    _state = State.ElementStart;
                    return ReadResult.Continue;
                }

                return c == ']' ? ReadResult.Done : Fail($"expected ',' or ']' after a call, found '{c}'");

            case State.Name:
                return NameChar(c);

            case State.ArgumentsStart:
                if (char.IsWhiteSpace(c))
                {
                    return ReadResult.Continue;
                }

                _scanner = new JsonValueScanner();
                _state = State.Arguments;
                return Feed(c);

            case State.Arguments:
                switch (_scanner!.Feed(c))
                {
                    case ScanResult.Invalid:
                        return Fail("the arguments are not JSON");
                    case ScanResult.CompleteBefore:
                        sink.End(_id);
                        return ReadResult.DoneBefore;
                    case ScanResult.Complete:
                        sink.Arguments(c);
                        sink.End(_id);
                        return ReadResult.Done;
                    default:
                        sink.Arguments(c);
                        return ReadResult.Continue;
                }

            default:
                throw new InvalidOperationException($"Unknown state {_state}.");
        }
    }

    /// <summary>Complete at the end of output: after whole array elements (the "]" cut off), or a bare scalar argument.</summary>
    public bool TryFinish()
    {
        if (_state == State.Arguments && _scanner is { InScalar: true })
        {
            sink.End(_id);
            return true;
        }

        return _state == State.ElementAfter || (_state == State.ElementStart && _elements > 0);
    }

    private ReadResult NameChar(char c)
    {
        _name.Append(c);
        var text = _name.ToString();
        if (!text.EndsWith(ToolCallFormat.MistralArgs, StringComparison.Ordinal))
        {
            return _name.Length > MaxNameLength ? Fail("no [ARGS] after the tool name") : ReadResult.Continue;
        }

        text = text[..^ToolCallFormat.MistralArgs.Length];
        var at = text.IndexOf(ToolCallFormat.MistralCallId, StringComparison.Ordinal);
        if (at >= 0)
        {
            _id = text[(at + ToolCallFormat.MistralCallId.Length)..].Trim();
            text = text[..at];
        }

        var name = text.Trim();
        if (name.Length == 0 || name.Any(char.IsWhiteSpace))
        {
            return Fail($"\"{name}\" is not a tool name");
        }

        sink.Start(name);
        _state = State.ArgumentsStart;
        return ReadResult.Continue;
    }

    private ReadResult Fail(string reason)
    {
        Failure = reason;
        return ReadResult.Failed;
    }
}
