using System.Globalization;
using System.Text;

namespace Locus.Grammar.Tests.Recognition;

/// <summary>
/// A small GBNF recogniser, independent of llama.cpp: parses the constructs the converter writes (literals, character
/// classes, rule references, groups, alternation, <c>? * +</c> and <c>{m,n}</c>) and decides whether a whole string
/// matches the root rule, by computing the set of end positions of each rule at each start (memoised).
/// </summary>
internal sealed class GbnfGrammar
{
    private readonly Dictionary<string, Expr> _rules;

    private GbnfGrammar(Dictionary<string, Expr> rules)
    {
        _rules = rules;
    }

    public IReadOnlyCollection<string> RuleNames => _rules.Keys;

    /// <summary>Parses one rule per line (<c>name ::= body</c>); every referenced rule must be defined.</summary>
    public static GbnfGrammar Parse(string grammar)
    {
        var rules = new Dictionary<string, Expr>(StringComparer.Ordinal);
        foreach (var line in grammar.Split('\n').Where(l => l.Trim().Length > 0))
        {
            var separator = line.IndexOf("::=", StringComparison.Ordinal);
            if (separator < 0)
            {
                throw new FormatException($"not a rule: {line}");
            }

            var name = line[..separator].Trim();
            if (!rules.TryAdd(name, new Parser(line[(separator + 3)..]).ParseBody()))
            {
                throw new FormatException($"rule {name} defined twice");
            }
        }

        var undefined = rules.Values.SelectMany(References).Where(r => !rules.ContainsKey(r)).ToList();
        if (undefined.Count > 0)
        {
            throw new FormatException($"undefined rules: {string.Join(", ", undefined.Distinct())}");
        }

        return new GbnfGrammar(rules);
    }

    /// <summary>Whether all of <paramref name="text"/> matches rule <paramref name="root"/>.</summary>
    public bool Accepts(string text, string root = "root")
    {
        var codepoints = new List<int>();
        for (var i = 0; i < text.Length; i += char.IsSurrogatePair(text, i) ? 2 : 1)
        {
            codepoints.Add(char.ConvertToUtf32(text, i));
        }

        return new Matcher(_rules, [.. codepoints]).RuleEnds(root, 0).Contains(codepoints.Count);
    }

    private static IEnumerable<string> References(Expr expr) => expr switch
    {
        RuleRef r => [r.Name],
        Sequence s => s.Items.SelectMany(References),
        Choice c => c.Alternatives.SelectMany(References),
        Repeat r => References(r.Item),
        _ => [],
    };

    private abstract record Expr;

    private sealed record Literal(int[] Codepoints) : Expr;

    private sealed record CharClass(bool Negated, IReadOnlyList<(int From, int To)> Ranges) : Expr
    {
        public bool Matches(int c) => Ranges.Any(r => c >= r.From && c <= r.To) != Negated;
    }

    private sealed record RuleRef(string Name) : Expr;

    private sealed record Sequence(IReadOnlyList<Expr> Items) : Expr;

    private sealed record Choice(IReadOnlyList<Expr> Alternatives) : Expr;

    private sealed record Repeat(Expr Item, int Min, int? Max) : Expr;

    private sealed class Parser(string text)
    {
        private int _pos;

        public Choice ParseBody()
        {
            var body = ParseChoice();
            SkipSpace();
            if (_pos != text.Length)
            {
                throw Error("unexpected text");
            }

            return body;
        }

        private FormatException Error(string message) => new($"{message} at {_pos} in: {text}");

        private void SkipSpace()
        {
            while (_pos < text.Length && char.IsWhiteSpace(text[_pos]))
            {
                _pos++;
            }
        }

        private Choice ParseChoice()
        {
            var alternatives = new List<Expr> { ParseSequence() };
            SkipSpace();
            while (_pos < text.Length && text[_pos] == '|')
            {
                _pos++;
                alternatives.Add(ParseSequence());
                SkipSpace();
            }

            return new Choice(alternatives);
        }

        private Sequence ParseSequence()
        {
            var items = new List<Expr>();
            while (true)
            {
                SkipSpace();
                if (_pos >= text.Length || text[_pos] is '|' or ')')
                {
                    return new Sequence(items);
                }

                var item = ParseAtom();
                while (_pos < text.Length && text[_pos] is '?' or '*' or '+' or '{')
                {
                    item = ParsePostfix(item);
                }

                items.Add(item);
            }
        }

        private Repeat ParsePostfix(Expr item)
        {
            var c = text[_pos++];
            switch (c)
            {
                case '?': return new Repeat(item, 0, 1);
                case '*': return new Repeat(item, 0, null);
                case '+': return new Repeat(item, 1, null);
            }

            var end = text.IndexOf('}', _pos);
            var parts = text[_pos..end].Split(',');
            _pos = end + 1;
            var min = int.Parse(parts[0], CultureInfo.InvariantCulture);
            int? max = parts.Length == 1 ? min : parts[1].Length == 0 ? null : int.Parse(parts[1], CultureInfo.InvariantCulture);
            return new Repeat(item, min, max);
        }

        private Expr ParseAtom()
        {
            var c = text[_pos];
            if (c == '"')
            {
                _pos++;
                var codepoints = new List<int>();
                while (text[_pos] != '"')
                {
                    codepoints.Add(ParseChar());
                }

                _pos++;
                return new Literal([.. codepoints]);
            }

            if (c == '[')
            {
                _pos++;
                var negated = text[_pos] == '^';
                if (negated)
                {
                    _pos++;
                }

                var ranges = new List<(int, int)>();
                while (text[_pos] != ']')
                {
                    var from = ParseChar();
                    var to = from;
                    if (text[_pos] == '-' && text[_pos + 1] != ']')
                    {
                        _pos++;
                        to = ParseChar();
                    }

                    ranges.Add((from, to));
                }

                _pos++;
                return new CharClass(negated, ranges);
            }

            if (c == '(')
            {
                _pos++;
                var inner = ParseChoice();
                if (_pos >= text.Length || text[_pos] != ')')
                {
                    throw Error("missing )");
                }

                _pos++;
                return inner;
            }

            var start = _pos;
            while (_pos < text.Length && (char.IsAsciiLetterOrDigit(text[_pos]) || text[_pos] == '-'))
            {
                _pos++;
            }

            if (_pos == start)
            {
                throw Error($"unexpected '{c}'");
            }

            return new RuleRef(text[start.._pos]);
        }

        private int ParseChar()
        {
            if (text[_pos] != '\\')
            {
                var codepoint = char.ConvertToUtf32(text, _pos);
                _pos += char.IsSurrogatePair(text, _pos) ? 2 : 1;
                return codepoint;
            }

            var escape = text[_pos + 1];
            _pos += 2;
            int HexDigits(int n)
            {
                var value = int.Parse(text.AsSpan(_pos, n), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                _pos += n;
                return value;
            }

            return escape switch
            {
                'x' => HexDigits(2),
                'u' => HexDigits(4),
                'U' => HexDigits(8),
                't' => '\t',
                'r' => '\r',
                'n' => '\n',
                '\\' or '"' or '[' or ']' or '-' => escape,
                _ => throw Error($"unknown escape \\{escape}"),
            };
        }
    }

    private sealed class Matcher(Dictionary<string, Expr> rules, int[] input)
    {
        private readonly Dictionary<(string, int), HashSet<int>> _memo = [];

        public HashSet<int> RuleEnds(string name, int pos)
        {
            if (_memo.TryGetValue((name, pos), out var known))
            {
                return known;
            }

            // An empty set while in progress: the converter writes no left recursion, so this is never relied on.
            _memo[(name, pos)] = [];
            var ends = Ends(rules[name], pos);
            _memo[(name, pos)] = ends;
            return ends;
        }

        private HashSet<int> Ends(Expr expr, int pos)
        {
            switch (expr)
            {
                case Literal literal:
                    return pos + literal.Codepoints.Length <= input.Length
                        && input.AsSpan(pos, literal.Codepoints.Length).SequenceEqual(literal.Codepoints)
                        ? [pos + literal.Codepoints.Length]
                        : [];
                case CharClass charClass:
                    return pos < input.Length && charClass.Matches(input[pos]) ? [pos + 1] : [];
                case RuleRef reference:
                    return RuleEnds(reference.Name, pos);
                case Sequence sequence:
                    {
                        HashSet<int> current = [pos];
                        foreach (var item in sequence.Items)
                        {
                            current = [.. current.SelectMany(p => Ends(item, p))];
                            if (current.Count == 0)
                            {
                                break;
                            }
                        }

                        return current;
                    }

                case Choice choice:
                    return [.. choice.Alternatives.SelectMany(a => Ends(a, pos))];
                case Repeat repeat:
                    return RepeatEnds(repeat, pos);
                default:
                    throw new InvalidOperationException(expr.ToString());
            }
        }

        private HashSet<int> RepeatEnds(Repeat repeat, int pos)
        {
            HashSet<int> frontier = [pos];
            var result = new HashSet<int>();
            if (repeat.Min == 0)
            {
                result.Add(pos);
            }

            for (var count = 1; frontier.Count > 0 && (repeat.Max is null || count <= repeat.Max); count++)
            {
                var next = frontier.SelectMany(p => Ends(repeat.Item, p)).ToHashSet();
                if (count >= repeat.Min)
                {
                    // Past the minimum only new positions matter: more repetitions from a known one add nothing new.
                    next.ExceptWith(repeat.Max is null ? result : []);
                    result.UnionWith(next);
                }

                frontier = next;
            }

            return result;
        }
    }
}
