using System.Globalization;
using System.Text;

namespace Locus.Jinja;

/// <summary>
/// Splits a template into data and tag tokens the way Jinja2's lexer does with trim_blocks and lstrip_blocks on:
/// line endings normalised to \n, one trailing newline dropped, "-" and "+" whitespace control, comments removed.
/// </summary>
internal sealed class Lexer
{
    private static readonly string[] Operators =
        ["//", "**", "==", "!=", "<=", ">=", "+", "-", "*", "/", "%", "~", "|", ".", ",", ":", "(", ")", "[", "]", "{", "}", "=", "<", ">"];

    private readonly string _src;
    private readonly List<Token> _tokens = [];
    private int _pos;

    public Lexer(string source) => _src = NormalizeNewlines(source);

    /// <summary>Jinja2 joins source.splitlines() with "\n": every Python line break becomes \n, a final one goes.</summary>
    private static string NormalizeNewlines(string source)
    {
        var sb = new StringBuilder(source.Length);
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (c == '\r' && i + 1 < source.Length && source[i + 1] == '\n')
            {
                i++;
                sb.Append('\n');
            }
            else
            {
                sb.Append(PyText.IsLineBreak(c) ? '\n' : c);
            }
        }
        if (sb.Length > 0 && sb[^1] == '\n')
        {
            sb.Length--;
        }
        return sb.ToString();
    }

    public List<Token> Tokenize()
    {
        var lineStarting = true;
        while (_pos < _src.Length)
        {
            var start = FindTagStart(_pos);
            if (start < 0)
            {
                AddData(_src[_pos..], _pos);
                break;
            }
            var kind = _src[start + 1];
            var marker = start + 2 < _src.Length ? _src[start + 2] : '\0';
            var text = _src[_pos..start];
            if (marker == '-')
            {
                text = text.TrimEnd();
            }
            else if (kind != '{' && marker != '+')
            {
                var lineStart = text.LastIndexOf('\n') + 1;
                if ((lineStart > 0 || lineStarting) && IsBlankTail(text, lineStart))
                {
                    text = text[..lineStart];
                }
            }
            AddData(text, _pos);
            _pos = start + 2 + (marker is '-' or '+' ? 1 : 0);
            lineStarting = kind switch
            {
                '#' => SkipComment(start),
                '{' => LexTag(start, TokenKind.VariableBegin, TokenKind.VariableEnd, '}'),
                _ => LexTag(start, TokenKind.BlockBegin, TokenKind.BlockEnd, '%'),
            };
        }
        var (line, col) = Position(_src.Length);
        _tokens.Add(new Token(TokenKind.End, "", line, col));
        return _tokens;
    }

    private int FindTagStart(int from)
    {
        var i = from;
        while (true)
        {
            i = _src.IndexOf('{', i);
            if (i < 0 || i + 1 >= _src.Length)
            {
                return -1;
            }
            if (_src[i + 1] is '{' or '%' or '#')
            {
                return i;
            }
            i++;
        }
    }

    private static bool IsBlankTail(string text, int from)
    {
        if (from >= text.Length)
        {
            return false;
        }
        for (var i = from; i < text.Length; i++)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                return false;
            }
        }
        return true;
    }

    private void AddData(string text, int at)
    {
        if (text.Length > 0)
        {
            var (line, col) = Position(at);
            _tokens.Add(new Token(TokenKind.Data, text, line, col));
        }
    }

    /// <summary>Consumes the end marker's trailing whitespace rules; returns whether the consumed text ends a line.</summary>
    private bool FinishTag(int closeEnd, char modifier, bool trimBlock)
    {
        _pos = closeEnd;
        if (modifier == '-')
        {
            var before = _pos;
            while (_pos < _src.Length && char.IsWhiteSpace(_src[_pos]))
            {
                _pos++;
            }
            return _pos > before && _src[_pos - 1] == '\n';
        }
        if (trimBlock && modifier != '+' && _pos < _src.Length && _src[_pos] == '\n')
        {
            _pos++;
            return true;
        }
        return false;
    }

    private bool SkipComment(int start)
    {
        var end = _src.IndexOf("#}", _pos, StringComparison.Ordinal);
        if (end < 0)
        {
            throw Error("unclosed comment", start);
        }
        var modifier = end > _pos && _src[end - 1] is '-' or '+' ? _src[end - 1] : '\0';
        return FinishTag(end + 2, modifier, trimBlock: true);
    }

    private bool LexTag(int start, TokenKind begin, TokenKind endKind, char closer)
    {
        AddToken(begin, _src.Substring(start, 2), start);
        var depth = 0;
        while (true)
        {
            while (_pos < _src.Length && char.IsWhiteSpace(_src[_pos]))
            {
                _pos++;
            }
            if (_pos >= _src.Length)
            {
                throw Error(begin == TokenKind.BlockBegin ? "unexpected end of template, expected '%}'" : "unexpected end of template, expected '}}'", start);
            }
            if (depth == 0)
            {
                var modifier = _src[_pos] is '-' or '+' ? _src[_pos] : '\0';
                var at = _pos + (modifier != '\0' ? 1 : 0);
                if (at + 1 < _src.Length && _src[at] == closer && _src[at + 1] == '}')
                {
                    AddToken(endKind, _src.Substring(at, 2), at);
                    return FinishTag(at + 2, modifier, trimBlock: endKind == TokenKind.BlockEnd);
                }
            }
            var c = _src[_pos];
            if (c is '\'' or '"')
            {
                LexString(c);
            }
            else if (char.IsAsciiDigit(c))
            {
                LexNumber();
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var s = _pos;
                while (_pos < _src.Length && (char.IsLetterOrDigit(_src[_pos]) || _src[_pos] == '_'))
                {
                    _pos++;
                }
                AddToken(TokenKind.Name, _src[s.._pos], s);
            }
            else
            {
                var op = Operators.FirstOrDefault(o => string.CompareOrdinal(_src, _pos, o, 0, o.Length) == 0)
                    ?? throw Error($"unexpected char '{c}'", _pos);
                depth += op is "(" or "[" or "{" ? 1 : op is ")" or "]" or "}" ? -1 : 0;
                if (depth < 0)
                {
                    throw Error($"unexpected '{op}'", _pos);
                }
                AddToken(TokenKind.Operator, op, _pos);
                _pos += op.Length;
            }
        }
    }

    private void LexString(char quote)
    {
        var start = _pos++;
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _src.Length)
            {
                throw Error("unterminated string", start);
            }
            var c = _src[_pos++];
            if (c == quote)
            {
                break;
            }
            if (c != '\\' || _pos >= _src.Length)
            {
                sb.Append(c);
                continue;
            }
            var e = _src[_pos++];
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case '0': sb.Append('\0'); break;
                case 'a': sb.Append('\a'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'v': sb.Append('\v'); break;
                case '\\': sb.Append('\\'); break;
                case '\'': sb.Append('\''); break;
                case '"': sb.Append('"'); break;
                case '\n': break;
                case 'x': sb.Append(HexEscape(2)); break;
                case 'u': sb.Append(HexEscape(4)); break;
                case 'U': sb.Append(HexEscape(8)); break;
                default: sb.Append('\\').Append(e); break;
            }
        }
        AddToken(TokenKind.String, sb.ToString(), start);
    }

    private string HexEscape(int digits)
    {
        if (_pos + digits > _src.Length || !int.TryParse(_src.AsSpan(_pos, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
        {
            throw Error("truncated \\x, \\u or \\U escape in string", _pos);
        }
        _pos += digits;
        return char.ConvertFromUtf32(code);
    }

    private void LexNumber()
    {
        var start = _pos;
        SkipDigits();
        var isFloat = false;
        if (_pos + 1 < _src.Length && _src[_pos] == '.' && char.IsAsciiDigit(_src[_pos + 1]))
        {
            isFloat = true;
            _pos++;
            SkipDigits();
        }
        if (_pos < _src.Length && _src[_pos] is 'e' or 'E')
        {
            var save = _pos;
            _pos++;
            if (_pos < _src.Length && _src[_pos] is '+' or '-')
            {
                _pos++;
            }
            if (_pos < _src.Length && char.IsAsciiDigit(_src[_pos]))
            {
                isFloat = true;
                SkipDigits();
            }
            else
            {
                _pos = save;
            }
        }
        AddToken(isFloat ? TokenKind.Float : TokenKind.Integer, _src[start.._pos].Replace("_", "", StringComparison.Ordinal), start);
    }

    private void SkipDigits()
    {
        while (_pos < _src.Length && (char.IsAsciiDigit(_src[_pos]) || (_src[_pos] == '_' && _pos + 1 < _src.Length && char.IsAsciiDigit(_src[_pos + 1]))))
        {
            _pos++;
        }
    }

    private void AddToken(TokenKind kind, string value, int at)
    {
        var (line, col) = Position(at);
        _tokens.Add(new Token(kind, value, line, col));
    }

    private int _lineCursor;
    private int _lineNumber = 1;
    private int _lineStart;

    /// <summary>Tokens arrive in source order, so the line count advances incrementally instead of rescanning.</summary>
    private (int Line, int Column) Position(int at)
    {
        if (at < _lineCursor)
        {
            (_lineCursor, _lineNumber, _lineStart) = (0, 1, 0);
        }
        for (; _lineCursor < at && _lineCursor < _src.Length; _lineCursor++)
        {
            if (_src[_lineCursor] == '\n')
            {
                _lineNumber++;
                _lineStart = _lineCursor + 1;
            }
        }
        return (_lineNumber, at - _lineStart + 1);
    }

    private JinjaSyntaxException Error(string message, int at)
    {
        var (line, col) = Position(at);
        return new JinjaSyntaxException(message, line, col);
    }
}
