using System.Text;
using System.Text.Json;

namespace Locus.Llama.Tools;

/// <summary>
/// Reads a call written as one JSON object, <c>{"name": "x", "arguments": {…}, "id": "…"}</c>, keys in any order.
/// The arguments stream out as they arrive once the name is known; when they come first they are held until it is.
/// Arguments written as a JSON string holding JSON are unwrapped. As a probe (a bare JSON object at the start of the
/// output), a first key that no call has means the object is content, not a call.
/// </summary>
internal sealed class CallObjectReader(CallSink sink, IReadOnlyCollection<string> argumentKeys, bool probe) : ICallReader
{
    private enum State { BeforeObject, KeyOrEnd, Key, Colon, ValueStart, Name, Value, AfterValue }

    private readonly StringBuilder _key = new();
    private readonly StringBuilder _value = new();
    private readonly StringBuilder _heldArguments = new();
    private State _state = State.BeforeObject;
    private JsonStringDecoder? _string;
    private JsonValueScanner? _scanner;
    private string? _currentKey;
    private string? _name;
    private string? _id;
    private bool _sawArguments;
    private bool _argumentsAsString;
    private int _keys;

    public string? Failure { get; private set; }

    public bool Committed { get; private set; } = !probe;

    public ReadResult Feed(char c)
    {
        switch (_state)
        {
            case State.BeforeObject:
                if (char.IsWhiteSpace(c))
                {
                    return ReadResult.Continue;
                }

                if (c != '{')
                {
                    return Fail($"expected '{{' to open the call, found '{c}'");
                }

                _state = State.KeyOrEnd;
                return ReadResult.Continue;

            case State.KeyOrEnd:
                if (char.IsWhiteSpace(c))
                {
                    return ReadResult.Continue;
                }

                if (c == '}' && _keys == 0 && !Committed)
                {
                    return ReadResult.NotACall;
                }

                if (c == '}')
                {
                    return Close();
                }

                if (c != '"')
                {
                    return Fail($"expected a key, found '{c}'");
                }

                _key.Clear();
                _string = new JsonStringDecoder();
                _state = State.Key;
                return ReadResult.Continue;

            case State.Key:
                if (!_string!.Feed(c, _key))
                {
                    return Fail("bad escape in a key");
                }

                if (_string.Done)
                {
                    _currentKey = _key.ToString();
                    _keys++;
                    if (!Committed)
                    {
                        if (!IsCallKey(_currentKey))
                        {
                            return ReadResult.NotACall;
                        }

                        Committed = true;
                    }

                    _state = State.Colon;
                }

                return ReadResult.Continue;

            case State.Colon:
                if (char.IsWhiteSpace(c))
                {
                    return ReadResult.Continue;
                }

                if (c != ':')
                {
                    return Fail($"expected ':' after \"{_currentKey}\"");
                }

                _state = State.ValueStart;
                return ReadResult.Continue;

            case State.ValueStart:
                return ValueStart(c);

            case State.Name:
                if (!_string!.Feed(c, _value))
                {
                    return Fail("bad escape in the tool name");
                }

                if (_string.Done)
                {
                    NameKnown(_value.ToString());
                    _state = State.AfterValue;
                }

                return ReadResult.Continue;

            case State.Value:
                return Value(c);

            case State.AfterValue:
                if (char.IsWhiteSpace(c))
                {
                    return ReadResult.Continue;
                }

                if (c == ',')
                {
                    _state = State.KeyOrEnd;
                    return ReadResult.Continue;
                }

                if (c == '}')
                {
                    return Close();
                }

                return Fail($"expected ',' or '}}' after a value, found '{c}'");

            default:
                throw new InvalidOperationException($"Unknown state {_state}.");
        }
    }

    public bool TryFinish() => false;

    private bool IsCallKey(string key) => key is "name" or "type" or "id" || argumentKeys.Contains(key);

    private ReadResult ValueStart(char c)
    {
        if (char.IsWhiteSpace(c))
        {
            return ReadResult.Continue;
        }

        _value.Clear();
        if (_currentKey == "name")
        {
            if (c != '"')
            {
                return Fail("the tool name is not a string");
            }

            _string = new JsonStringDecoder();
            _state = State.Name;
            return ReadResult.Continue;
        }

        _scanner = new JsonValueScanner();
        _state = State.Value;
        return Value(c);
    }

    private ReadResult Value(char c)
    {
        var isArguments = argumentKeys.Contains(_currentKey!);
        var result = _scanner!.Feed(c);
        if (result == ScanResult.Invalid)
        {
            return Fail($"bad JSON in the value of \"{_currentKey}\"");
        }

        if (result != ScanResult.CompleteBefore)
        {
            if (isArguments)
            {
                _argumentsAsString = _scanner.IsString;
                if (_name is not null && !_argumentsAsString)
                {
                    sink.Arguments(c);
                }
                else
                {
                    _heldArguments.Append(c);
                }
            }
            else
            {
                _value.Append(c);
            }
        }

        if (result == ScanResult.Continue)
        {
            return ReadResult.Continue;
        }

        try
        {
            ValueDone(isArguments);
        }
        catch (JsonException)
        {
            return Fail($"bad JSON string in the value of \"{_currentKey}\"");
        }

        _state = State.AfterValue;
        return result == ScanResult.CompleteBefore ? Feed(c) : ReadResult.Continue;
    }

    private void ValueDone(bool isArguments)
    {
        if (isArguments)
        {
            _sawArguments = true;
            if (_argumentsAsString)
            {
                var unwrapped = JsonSerializer.Deserialize<string>(_heldArguments.ToString());
                _heldArguments.Clear().Append(unwrapped);
                if (_name is not null)
                {
                    sink.Arguments(_heldArguments.ToString());
                }
            }
        }
        else if (_currentKey == "id" && _scanner!.IsString)
        {
            _id = JsonSerializer.Deserialize<string>(_value.ToString());
        }
    }

    private void NameKnown(string name)
    {
        _name = name;
        sink.Start(name);
        if (_heldArguments.Length > 0 && (_sawArguments || !_argumentsAsString))
        {
            sink.Arguments(_heldArguments.ToString());
        }

        _heldArguments.Clear();
    }

    private ReadResult Close()
    {
        if (_name is null)
        {
            return Fail("the call has no \"name\"");
        }

        if (!_sawArguments)
        {
            sink.Arguments("{}");
        }

        sink.End(_id);
        return ReadResult.Done;
    }

    private ReadResult Fail(string reason)
    {
        Failure = reason;
        return ReadResult.Failed;
    }
}
