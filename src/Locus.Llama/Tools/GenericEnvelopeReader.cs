using System.Text;

namespace Locus.Llama.Tools;

/// <summary>
/// Reads the Generic family's whole answer, one JSON object: <c>{"tool_calls": [{"name": …, "arguments": …}, …]}</c>
/// (also the single <c>{"tool_call": {…}}</c>) or <c>{"response": "…"}</c>, whose string streams out as text. A
/// first key that is none of these means the JSON is ordinary content.
/// </summary>
internal sealed class GenericEnvelopeReader(CallSink sink) : ICallReader
{
    private static readonly string[] ArgumentKeys = ["arguments", "parameters"];

    private enum State { BeforeObject, KeyStart, Key, Colon, ArrayStart, ElementStart, Element, ElementAfter, Single, ResponseStart, ResponseString, ResponseValue, AfterValue }

    private readonly StringBuilder _key = new();
    private readonly StringBuilder _decoded = new();
    private State _state = State.BeforeObject;
    private JsonStringDecoder? _string;
    private JsonValueScanner? _scanner;
    private CallObjectReader? _call;

    public string? Failure { get; private set; }

    public bool Committed { get; private set; }

    public ReadResult Feed(char c)
    {
        var ws = char.IsWhiteSpace(c);
        switch (_state)
        {
            case State.BeforeObject:
                return ws ? ReadResult.Continue : Expect(c, '{', State.KeyStart);
            case State.KeyStart:
                if (ws)
                {
                    return ReadResult.Continue;
                }

                if (c != '"')
                {
                    return ReadResult.NotACall;
                }

                _string = new JsonStringDecoder();
                _state = State.Key;
                return ReadResult.Continue;
            case State.Key:
                if (!_string!.Feed(c, _key))
                {
                    return ReadResult.NotACall;
                }

                if (_string.Done)
                {
                    if (_key.ToString() is not ("tool_calls" or "tool_call" or "response"))
                    {
                        return ReadResult.NotACall;
                    }

                    Committed = true;
                    _state = State.Colon;
                }

                return ReadResult.Continue;
            case State.Colon:
                return ws ? ReadResult.Continue : Expect(c, ':', _key.ToString() switch
                {
                    "tool_calls" => State.ArrayStart,
                    "tool_call" => State.Single,
                    _ => State.ResponseStart,
                });
            case State.ArrayStart:
                return ws ? ReadResult.Continue : Expect(c, '[', State.ElementStart);
            case State.ElementStart:
                if (ws)
                {
                    return ReadResult.Continue;
                }

                if (c == ']')
                {
                    _state = State.AfterValue;
                    return ReadResult.Continue;
                }

                _call = new CallObjectReader(sink, ArgumentKeys, probe: false);
                _state = State.Element;
                return Element(c, State.ElementAfter);
            case State.Element:
                return Element(c, State.ElementAfter);
            case State.ElementAfter:
                if (ws)
                {
                    return ReadResult.Continue;
                }

                if (c == ',')
                {
                    _state = State.ElementStart;
                    return ReadResult.Continue;
                }

                return Expect(c, ']', State.AfterValue);
            case State.Single:
                _call ??= new CallObjectReader(sink, ArgumentKeys, probe: false);
                return Element(c, State.AfterValue);
            case State.ResponseStart:
                if (ws)
                {
                    return ReadResult.Continue;
                }

                if (c == '"')
                {
                    _string = new JsonStringDecoder();
                    _state = State.ResponseString;
                    return ReadResult.Continue;
                }

                _scanner = new JsonValueScanner();
                _state = State.ResponseValue;
                return ResponseValue(c);
            case State.ResponseString:
                _decoded.Clear();
                if (!_string!.Feed(c, _decoded))
                {
                    return Fail("bad escape in the response string");
                }

                sink.Text(_decoded.ToString());
                if (_string.Done)
                {
                    _state = State.AfterValue;
                }

                return ReadResult.Continue;
            case State.ResponseValue:
                return ResponseValue(c);
            case State.AfterValue:
                if (ws)
                {
                    return ReadResult.Continue;
                }

                if (c == '}')
                {
                    return ReadResult.Done;
                }

                return Fail($"expected '}}' to close the answer, found '{c}'");
            default:
                throw new InvalidOperationException($"Unknown state {_state}.");
        }
    }

    public bool TryFinish() => false;

    private ReadResult Element(char c, State next)
    {
        var result = _call!.Feed(c);
        switch (result)
        {
            case ReadResult.Continue:
                return result;
            case ReadResult.Done:
                _call = null;
                _state = next;
                return ReadResult.Continue;
            default:
                return Fail(_call.Failure ?? "bad tool call");
        }
    }

    private ReadResult ResponseValue(char c)
    {
        var result = _scanner!.Feed(c);
        switch (result)
        {
            case ScanResult.Invalid:
                return Fail("bad JSON in the response");
            case ScanResult.CompleteBefore:
                _state = State.AfterValue;
                return Feed(c);
            case ScanResult.Complete:
                _state = State.AfterValue;
                break;
        }

        sink.Text(c);
        return ReadResult.Continue;
    }

    private ReadResult Expect(char c, char expected, State next)
    {
        if (c != expected)
        {
            return Fail($"expected '{expected}', found '{c}'");
        }

        _state = next;
        return ReadResult.Continue;
    }

    private ReadResult Fail(string reason)
    {
        Failure = reason;
        return ReadResult.Failed;
    }
}
