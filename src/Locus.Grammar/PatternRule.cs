using System.Globalization;
using System.Text;

namespace Locus.Grammar;

/// <summary>A valid regular expression with no grammar equivalent here (lookaround, \d, unanchored, ...).</summary>
internal sealed class UnsupportedPatternException(string message) : Exception(message);

/// <summary>A pattern that is not a valid regular expression.</summary>
internal sealed class InvalidPatternException(string message) : Exception(message);

/// <summary>
/// A JSON string matching an anchored regular expression (<c>^...$</c>), as GBNF: literals, classes, groups,
/// alternation and the quantifiers <c>* + ? {m,n}</c>, following llama.cpp's _pattern_to_rule.
/// </summary>
internal sealed class PatternRule
{
    private const int MaxDepth = 100;
    private const string NonLiteral = "|.()[]{}*+?^$";
    private const string EscapedInRegexOnly = "^$.[]()|{}*+?";

    private readonly RuleSet _rules;
    private readonly string _name;
    private readonly string _pattern;
    private readonly Dictionary<string, string> _subRuleIds = new(StringComparer.Ordinal);
    private int _i;
    private int _depth;

    private PatternRule(RuleSet rules, string name, string pattern)
    {
        _rules = rules;
        _name = name;
        _pattern = pattern;
    }

    /// <summary>Adds the rule for <paramref name="pattern"/> under <paramref name="name"/> and returns its name.</summary>
    public static string Add(RuleSet rules, string name, string pattern)
    {
        if (pattern.Length < 2 || pattern[0] != '^' || pattern[^1] != '$')
        {
            throw new UnsupportedPatternException("not anchored with '^' and '$'");
        }

        var converter = new PatternRule(rules, name, pattern[1..^1]);
        var rule = ToRule(converter.Transform());
        if (converter._depth != 0)
        {
            throw new InvalidPatternException("unbalanced parentheses");
        }

        return rules.Add(name, "\"\\\"\" (" + rule + ") \"\\\"\"");
    }

    private readonly record struct Piece(string Text, bool IsLiteral);

    private static string ToRule(Piece piece) => piece.IsLiteral ? "\"" + piece.Text + "\"" : piece.Text;

    private Piece Transform()
    {
        var seq = new List<Piece>();
        var length = _pattern.Length;
        while (_i < length)
        {
            var c = _pattern[_i];
            if (c == '.')
            {
                seq.Add(new Piece(_rules.Add("dot", "[^\\x0A\\x0D]"), false));
                _i++;
            }
            else if (c == '(')
            {
                _i++;
                if (_i < length && _pattern[_i] == '?')
                {
                    if (_i + 1 < length && _pattern[_i + 1] == ':')
                    {
                        _i += 2; // a non-capturing group is a group
                    }
                    else
                    {
                        throw new UnsupportedPatternException("unsupported group syntax (lookaround, named group or inline flags)");
                    }
                }

                if (++_depth > MaxDepth)
                {
                    throw new UnsupportedPatternException("pattern nesting too deep");
                }

                seq.Add(new Piece("(" + ToRule(Transform()) + ")", false));
            }
            else if (c == ')')
            {
                _i++;
                if (_depth == 0)
                {
                    throw new InvalidPatternException("unbalanced parentheses");
                }

                _depth--;
                return JoinSequence(seq);
            }
            else if (c is '^' or '$')
            {
                throw new UnsupportedPatternException("anchor inside the pattern");
            }
            else if (c == '[')
            {
                seq.Add(new Piece(ReadClass(), false));
            }
            else if (c == '|')
            {
                seq.Add(new Piece("|", false));
                _i++;
            }
            else if (c is '*' or '+' or '?')
            {
                if (seq.Count == 0)
                {
                    throw new InvalidPatternException("nothing to repeat");
                }

                seq[^1] = new Piece(ToRule(seq[^1]) + c, false);
                _i++;
            }
            else if (c == '{')
            {
                ReadRepetition(seq);
            }
            else
            {
                seq.Add(new Piece(ReadLiteral(c), true));
            }
        }

        return JoinSequence(seq);
    }

    private string ReadClass()
    {
        var text = new StringBuilder("[");
        _i++;
        while (_i < _pattern.Length && _pattern[_i] != ']')
        {
            if (_pattern[_i] == '\\')
            {
                var escapeLength = GbnfEscapeLength(_pattern, _i);
                if (escapeLength == 0)
                {
                    throw new UnsupportedPatternException($"unsupported escape in character class: {_pattern.AsSpan(_i, Math.Min(2, _pattern.Length - _i))}");
                }

                text.Append(_pattern, _i, escapeLength);
                _i += escapeLength;
            }
            else
            {
                text.Append(_pattern[_i]);
                _i++;
            }
        }

        if (_i >= _pattern.Length)
        {
            throw new InvalidPatternException("unterminated character class");
        }

        _i++;
        return text.Append(']').ToString();
    }

    private void ReadRepetition(List<Piece> seq)
    {
        var start = ++_i;
        while (_i < _pattern.Length && _pattern[_i] != '}')
        {
            _i++;
        }

        if (_i >= _pattern.Length)
        {
            throw new UnsupportedPatternException("unterminated curly brackets");
        }

        var nums = _pattern[start.._i].Split(',');
        _i++;
        if (nums.Length is not (1 or 2))
        {
            throw new UnsupportedPatternException("wrong number of values in curly brackets");
        }

        int minTimes;
        var maxTimes = int.MaxValue;
        if (nums.Length == 1)
        {
            minTimes = maxTimes = ParseTimes(nums[0]);
        }
        else
        {
            minTimes = nums[0].Length == 0 ? 0 : ParseTimes(nums[0]);
            if (nums[1].Length != 0)
            {
                maxTimes = ParseTimes(nums[1]);
            }
        }

        if (seq.Count == 0)
        {
            throw new InvalidPatternException("nothing to repeat");
        }

        var last = seq[^1];
        var sub = last.Text;
        if (!last.IsLiteral)
        {
            if (!_subRuleIds.TryGetValue(sub, out var id))
            {
                id = _rules.Add(_name + "-" + (_subRuleIds.Count + 1).ToString(CultureInfo.InvariantCulture), sub);
                _subRuleIds[sub] = id;
            }

            sub = id;
        }

        seq[^1] = new Piece(Repetition.Build(last.IsLiteral ? "\"" + sub + "\"" : sub, minTimes, maxTimes), false);
    }

    private static int ParseTimes(string text) =>
        int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= 0
            ? n
            : throw new UnsupportedPatternException("invalid number in curly brackets");

    private string ReadLiteral(char c)
    {
        var literal = new StringBuilder();
        var length = _pattern.Length;
        while (_i < length)
        {
            var current = _pattern[_i];
            if (current == '\\')
            {
                if (_i == length - 1)
                {
                    throw new InvalidPatternException("trailing backslash");
                }

                var next = _pattern[_i + 1];
                if (EscapedInRegexOnly.Contains(next, StringComparison.Ordinal))
                {
                    literal.Append(next);
                    _i += 2;
                }
                else
                {
                    var escapeLength = GbnfEscapeLength(_pattern, _i);
                    if (escapeLength == 0)
                    {
                        throw new UnsupportedPatternException($"unsupported escape: {_pattern.AsSpan(_i, 2)}");
                    }

                    literal.Append(_pattern, _i, escapeLength);
                    _i += escapeLength;
                }
            }
            else if (current == '"')
            {
                literal.Append("\\\"");
                _i++;
            }
            else if (!IsNonLiteral(current)
                && (_i == length - 1 || literal.Length == 0 || _pattern[_i + 1] == '.' || !IsNonLiteral(_pattern[_i + 1])))
            {
                // A character followed by a quantifier stays out of the literal, so the quantifier applies to it alone.
                literal.Append(current);
                _i++;
            }
            else
            {
                break;
            }
        }

        if (literal.Length == 0)
        {
            throw new UnsupportedPatternException("unsupported character: " + c);
        }

        return literal.ToString();
    }

    private static bool IsNonLiteral(char c) => NonLiteral.Contains(c, StringComparison.Ordinal);

    /// <summary>Joins the sequence, merging consecutive literals.</summary>
    private static Piece JoinSequence(List<Piece> seq)
    {
        var parts = new List<string>();
        var literal = new StringBuilder();
        foreach (var piece in seq)
        {
            if (piece.IsLiteral)
            {
                literal.Append(piece.Text);
                continue;
            }

            if (literal.Length > 0)
            {
                parts.Add(ToRule(new Piece(literal.ToString(), true)));
                literal.Clear();
            }

            parts.Add(piece.Text);
        }

        if (literal.Length > 0)
        {
            parts.Add(ToRule(new Piece(literal.ToString(), true)));
        }

        return new Piece(string.Join(' ', parts), false);
    }

    /// <summary>The length of a regex escape that GBNF reads the same way (\t, \x41, \u00e9, ...), or 0.</summary>
    private static int GbnfEscapeLength(string pattern, int pos)
    {
        if (pos + 1 >= pattern.Length || pattern[pos] != '\\')
        {
            return 0;
        }

        int hexDigits;
        switch (pattern[pos + 1])
        {
            case 'x': hexDigits = 2; break;
            case 'u': hexDigits = 4; break;
            case 'U': hexDigits = 8; break;
            case 't' or 'r' or 'n' or '\\' or '"' or '[' or ']' or '-':
                return 2;
            default:
                return 0;
        }

        if (pos + 2 + hexDigits > pattern.Length)
        {
            return 0;
        }

        for (var i = pos + 2; i < pos + 2 + hexDigits; i++)
        {
            if (!char.IsAsciiHexDigit(pattern[i]))
            {
                return 0;
            }
        }

        return 2 + hexDigits;
    }
}
