namespace Locus.Llama.Tools;

/// <summary>What <see cref="JsonValueScanner.Feed"/> made of one character.</summary>
internal enum ScanResult
{
    /// <summary>The character belongs to the value, which goes on.</summary>
    Continue,

    /// <summary>The character belongs to the value and completes it.</summary>
    Complete,

    /// <summary>The value (a bare number or literal) ended just before this character, which is not part of it.</summary>
    CompleteBefore,

    /// <summary>The character cannot be part of a JSON value here.</summary>
    Invalid,
}

/// <summary>
/// Finds where one JSON value ends in a stream of characters, tracking strings, escapes and bracket nesting, so
/// the value's text can be passed on as it arrives. It checks structure (matching brackets, string boundaries),
/// not every detail of the JSON grammar; the value is parsed properly by whoever receives it whole.
/// </summary>
internal sealed class JsonValueScanner
{
    private readonly Stack<char> _closers = new();
    private bool _started;
    private bool _inString;
    private bool _escaped;
    private bool _scalar;

    /// <summary>Whether the value is a bare scalar still going: it ends at the next delimiter or at the end of output.</summary>
    public bool InScalar => _scalar;

    /// <summary>Whether the value began as a JSON string.</summary>
    public bool IsString { get; private set; }

    public ScanResult Feed(char c)
    {
        if (!_started)
        {
            _started = true;
            switch (c)
            {
                case '{': _closers.Push('}'); return ScanResult.Continue;
                case '[': _closers.Push(']'); return ScanResult.Continue;
                case '"': _inString = true; IsString = true; return ScanResult.Continue;
                default:
                    if (c == '-' || char.IsAsciiDigit(c) || c is 't' or 'f' or 'n')
                    {
                        _scalar = true;
                        return ScanResult.Continue;
                    }

                    return ScanResult.Invalid;
            }
        }

        if (_scalar)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '+' or '-')
            {
                return ScanResult.Continue;
            }

            _scalar = false;
            return ScanResult.CompleteBefore;
        }

        if (_inString)
        {
            if (_escaped)
            {
                _escaped = false;
            }
            else if (c == '\\')
            {
                _escaped = true;
            }
            else if (c == '"')
            {
                _inString = false;
                return _closers.Count == 0 ? ScanResult.Complete : ScanResult.Continue;
            }

            return ScanResult.Continue;
        }

        switch (c)
        {
            case '"': _inString = true; return ScanResult.Continue;
            case '{': _closers.Push('}'); return ScanResult.Continue;
            case '[': _closers.Push(']'); return ScanResult.Continue;
            case '}' or ']':
                if (_closers.Count == 0 || _closers.Pop() != c)
                {
                    return ScanResult.Invalid;
                }

                return _closers.Count == 0 ? ScanResult.Complete : ScanResult.Continue;
            default:
                return ScanResult.Continue;
        }
    }
}
