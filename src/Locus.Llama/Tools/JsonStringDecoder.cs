using System.Globalization;
using System.Text;

namespace Locus.Llama.Tools;

/// <summary>
/// Decodes the body of a JSON string one character at a time (after its opening quote), so string content can be
/// streamed as it arrives. A surrogate pair written as two \u escapes is emitted together.
/// </summary>
internal sealed class JsonStringDecoder
{
    private readonly StringBuilder _hex = new(4);
    private bool _escaped;
    private bool _inUnicode;
    private char? _highSurrogate;

    /// <summary>Whether the closing quote has been read.</summary>
    public bool Done { get; private set; }

    /// <summary>Feeds one character; appends what it decodes to (if anything) to <paramref name="decoded"/>. False: invalid.</summary>
    public bool Feed(char c, StringBuilder decoded)
    {
        if (_inUnicode)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }

            _hex.Append(c);
            if (_hex.Length == 4)
            {
                _inUnicode = false;
                Emit((char)int.Parse(_hex.ToString(), NumberStyles.HexNumber, CultureInfo.InvariantCulture), decoded);
                _hex.Clear();
            }

            return true;
        }

        if (_escaped)
        {
            _escaped = false;
            char? simple = c switch
            {
                '"' => '"',
                '\\' => '\\',
                '/' => '/',
                'b' => '\b',
                'f' => '\f',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                _ => null,
            };
            if (c == 'u')
            {
                _inUnicode = true;
                return true;
            }

            if (simple is null)
            {
                return false;
            }

            Emit(simple.Value, decoded);
            return true;
        }

        switch (c)
        {
            case '\\': _escaped = true; return true;
            case '"':
                Done = true;
                FlushSurrogate(decoded);
                return true;
            default:
                Emit(c, decoded);
                return true;
        }
    }

    private void Emit(char c, StringBuilder decoded)
    {
        if (char.IsHighSurrogate(c))
        {
            FlushSurrogate(decoded);
            _highSurrogate = c;
            return;
        }

        if (_highSurrogate is { } high)
        {
            decoded.Append(high);
            _highSurrogate = null;
        }

        decoded.Append(c);
    }

    private void FlushSurrogate(StringBuilder decoded)
    {
        if (_highSurrogate is { } high)
        {
            decoded.Append(high);
            _highSurrogate = null;
        }
    }
}
