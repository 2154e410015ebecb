using System.Globalization;

namespace Locus.Jinja;

/// <summary>Recursive-descent parser for the Jinja2 statements and expressions chat templates use.</summary>
internal sealed class Parser(List<Token> tokens)
{
    private static readonly HashSet<string> CompareOps = ["==", "!=", "<", ">", "<=", ">="];
    private int _pos;

    private Token Current => tokens[_pos];

    private Token Peek(int ahead = 1) => tokens[Math.Min(_pos + ahead, tokens.Count - 1)];

    private Token Next() => tokens[_pos++];

    public TemplateBody ParseTemplate()
    {
        var (body, _) = ParseBody([]);
        return body;
    }

    private (TemplateBody Body, string End) ParseBody(string[] ends)
    {
        var statements = new List<Stmt>();
        while (true)
        {
            var tok = Current;
            switch (tok.Kind)
            {
                case TokenKind.Data:
                    Next();
                    statements.Add(new TextStmt(tok.Value, tok.Line));
                    break;
                case TokenKind.VariableBegin:
                    Next();
                    var expr = ParseTuple();
                    Expect(TokenKind.VariableEnd, "'}}'");
                    statements.Add(new PrintStmt(expr, tok.Line));
                    break;
                case TokenKind.BlockBegin:
                    Next();
                    var name = Current;
                    if (name.Kind != TokenKind.Name)
                    {
                        throw Error("expected a statement name", name);
                    }
                    if (ends.Contains(name.Value))
                    {
                        Next();
                        return (new TemplateBody(statements), name.Value);
                    }
                    statements.Add(ParseStatement());
                    break;
                case TokenKind.End:
                    if (ends.Length > 0)
                    {
                        throw Error($"unexpected end of template, expected {string.Join(" or ", ends.Select(e => $"'{e}'"))}", tok);
                    }
                    return (new TemplateBody(statements), "");
                default:
                    throw Error($"unexpected {tok}", tok);
            }
        }
    }

    private Stmt ParseStatement()
    {
        var tok = Next();
        switch (tok.Value)
        {
            case "for":
                return ParseFor(tok);
            case "if":
                return ParseIf(tok);
            case "set":
                return ParseSet(tok);
            case "macro":
                return ParseMacro(tok);
            case "filter":
                var filters = ParseFilterChain(null);
                ExpectBlockEnd();
                var (filterBody, _) = ParseBody(["endfilter"]);
                ExpectBlockEnd();
                return new FilterBlockStmt(filters, filterBody, tok.Line);
            case "break":
            case "continue":
                ExpectBlockEnd();
                return new LoopControlStmt(tok.Value == "break" ? Flow.Break : Flow.Continue, tok.Line);
            case "generation":
                ExpectBlockEnd();
                var (genBody, _) = ParseBody(["endgeneration"]);
                ExpectBlockEnd();
                return new GenerationStmt(genBody, tok.Line);
            default:
                throw Error($"encountered unknown tag '{tok.Value}'", tok);
        }
    }

    private ForStmt ParseFor(Token tok)
    {
        var targets = new List<string>();
        var parens = Accept("(");
        do
        {
            targets.Add(ExpectName().Value);
        }
        while (Accept(",") && Current.Kind == TokenKind.Name && !Current.IsName("in"));
        if (parens)
        {
            ExpectOp(")");
        }
        if (!Current.IsName("in"))
        {
            throw Error("expected 'in'", Current);
        }
        Next();
        var iterable = ParseTuple(withCondExpr: false);
        Expr? filter = null;
        if (Current.IsName("if"))
        {
            Next();
            filter = ParseExpression();
        }
        if (Current.IsName("recursive"))
        {
            throw Error("recursive loops are not supported", Current);
        }
        ExpectBlockEnd();
        var (body, end) = ParseBody(["endfor", "else"]);
        TemplateBody? otherwise = null;
        if (end == "else")
        {
            ExpectBlockEnd();
            (otherwise, _) = ParseBody(["endfor"]);
        }
        ExpectBlockEnd();
        return new ForStmt(targets, targets.Count > 1, iterable, filter, body, otherwise, tok.Line);
    }

    private IfStmt ParseIf(Token tok)
    {
        var branches = new List<(Expr, TemplateBody)>();
        var test = ParseTuple();
        while (true)
        {
            ExpectBlockEnd();
            var (body, end) = ParseBody(["elif", "else", "endif"]);
            branches.Add((test, body));
            if (end == "elif")
            {
                test = ParseTuple();
                continue;
            }
            TemplateBody? otherwise = null;
            if (end == "else")
            {
                ExpectBlockEnd();
                (otherwise, _) = ParseBody(["endif"]);
            }
            ExpectBlockEnd();
            return new IfStmt(branches, otherwise, tok.Line);
        }
    }

    private Stmt ParseSet(Token tok)
    {
        var target = ParseAssignTarget();
        if (Accept("="))
        {
            var value = ParseTuple();
            ExpectBlockEnd();
            return new SetStmt(target, value, tok.Line);
        }
        var filters = Current.IsOperator("|") ? ParseFilterChain(null, leadingPipe: true) : [];
        ExpectBlockEnd();
        var (body, _) = ParseBody(["endset"]);
        ExpectBlockEnd();
        return new SetBlockStmt(target, filters, body, tok.Line);
    }

    private Expr ParseAssignTarget()
    {
        var first = ExpectName();
        if (Accept("."))
        {
            return new AttrExpr(new NameExpr(first.Value, first.Line), ExpectName().Value, first.Line);
        }
        if (!Current.IsOperator(","))
        {
            return new NameExpr(first.Value, first.Line);
        }
        var names = new List<Expr> { new NameExpr(first.Value, first.Line) };
        while (Accept(",") && Current.Kind == TokenKind.Name)
        {
            var n = Next();
            names.Add(new NameExpr(n.Value, n.Line));
        }
        return new ListExpr(names, tuple: true, first.Line);
    }

    private MacroStmt ParseMacro(Token tok)
    {
        var name = ExpectName().Value;
        ExpectOp("(");
        var parameters = new List<string>();
        var defaults = new List<Expr?>();
        while (!Current.IsOperator(")"))
        {
            if (parameters.Count > 0)
            {
                ExpectOp(",");
                if (Current.IsOperator(")"))
                {
                    break;
                }
            }
            parameters.Add(ExpectName().Value);
            defaults.Add(Accept("=") ? ParseExpression() : null);
        }
        Next();
        ExpectBlockEnd();
        var (body, _) = ParseBody(["endmacro"]);
        if (Current.Kind == TokenKind.Name)
        {
            Next();
        }
        ExpectBlockEnd();
        return new MacroStmt(name, parameters, defaults, body, tok.Line);
    }

    private List<FilterExpr> ParseFilterChain(Expr? value, bool leadingPipe = false)
    {
        var filters = new List<FilterExpr>();
        if (leadingPipe)
        {
            ExpectOp("|");
        }
        do
        {
            filters.Add(ParseFilter(value));
        }
        while (Accept("|"));
        return filters;
    }

    // ----- expressions -----

    private Expr ParseTuple(bool withCondExpr = true)
    {
        var line = Current.Line;
        var first = withCondExpr ? ParseExpression() : ParseOr();
        if (!Current.IsOperator(","))
        {
            return first;
        }
        var items = new List<Expr> { first };
        while (Accept(","))
        {
            if (Current.Kind is TokenKind.BlockEnd or TokenKind.VariableEnd || Current.IsOperator(")") || Current.IsName("if"))
            {
                break;
            }
            items.Add(withCondExpr ? ParseExpression() : ParseOr());
        }
        return new ListExpr(items, tuple: true, line);
    }

    private Expr ParseExpression()
    {
        var expr = ParseOr();
        while (Current.IsName("if"))
        {
            var line = Next().Line;
            var test = ParseOr();
            Expr? otherwise = null;
            if (Current.IsName("else"))
            {
                Next();
                otherwise = ParseExpression();
            }
            expr = new CondExpr(test, expr, otherwise, line);
        }
        return expr;
    }

    private Expr ParseOr()
    {
        var left = ParseAnd();
        while (Current.IsName("or"))
        {
            var line = Next().Line;
            left = new OrExpr(left, ParseAnd(), line);
        }
        return left;
    }

    private Expr ParseAnd()
    {
        var left = ParseNot();
        while (Current.IsName("and"))
        {
            var line = Next().Line;
            left = new AndExpr(left, ParseNot(), line);
        }
        return left;
    }

    private Expr ParseNot()
    {
        if (Current.IsName("not"))
        {
            var line = Next().Line;
            return new NotExpr(ParseNot(), line);
        }
        return ParseCompare();
    }

    private Expr ParseCompare()
    {
        var line = Current.Line;
        var first = ParseMath1();
        var rest = new List<(string, Expr)>();
        while (true)
        {
            if (Current.Kind == TokenKind.Operator && CompareOps.Contains(Current.Value))
            {
                var op = Next().Value;
                rest.Add((op, ParseMath1()));
            }
            else if (Current.IsName("in"))
            {
                Next();
                rest.Add(("in", ParseMath1()));
            }
            else if (Current.IsName("not") && Peek().IsName("in"))
            {
                Next();
                Next();
                rest.Add(("notin", ParseMath1()));
            }
            else
            {
                break;
            }
        }
        return rest.Count == 0 ? first : new CompareExpr(first, rest, line);
    }

    private Expr ParseMath1()
    {
        var left = ParseConcat();
        while (Current.IsOperator("+") || Current.IsOperator("-"))
        {
            var op = Next();
            left = new BinaryExpr(op.Value, left, ParseConcat(), op.Line);
        }
        return left;
    }

    private Expr ParseConcat()
    {
        var line = Current.Line;
        var first = ParseMath2();
        if (!Current.IsOperator("~"))
        {
            return first;
        }
        var parts = new List<Expr> { first };
        while (Accept("~"))
        {
            parts.Add(ParseMath2());
        }
        return new ConcatExpr(parts, line);
    }

    private Expr ParseMath2()
    {
        var left = ParsePow();
        while (Current.Kind == TokenKind.Operator && Current.Value is "*" or "/" or "//" or "%")
        {
            var op = Next();
            left = new BinaryExpr(op.Value, left, ParsePow(), op.Line);
        }
        return left;
    }

    private Expr ParsePow()
    {
        var left = ParseUnary();
        while (Current.IsOperator("**"))
        {
            var op = Next();
            left = new BinaryExpr("**", left, ParseUnary(), op.Line);
        }
        return left;
    }

    private Expr ParseUnary(bool withFilter = true)
    {
        Expr node;
        if (Current.IsOperator("-") || Current.IsOperator("+"))
        {
            var op = Next();
            node = new NegExpr(ParseUnary(false), op.Value == "-", op.Line);
        }
        else
        {
            node = ParsePostfix(ParsePrimary());
        }
        return withFilter ? ParseFilterExpr(node) : node;
    }

    private Expr ParsePrimary()
    {
        var tok = Next();
        switch (tok.Kind)
        {
            case TokenKind.Name:
                return tok.Value switch
                {
                    "true" or "True" => new ConstExpr(true, tok.Line),
                    "false" or "False" => new ConstExpr(false, tok.Line),
                    "none" or "None" => new ConstExpr(null, tok.Line),
                    _ => new NameExpr(tok.Value, tok.Line),
                };
            case TokenKind.String:
                var text = tok.Value;
                while (Current.Kind == TokenKind.String)
                {
                    text += Next().Value;
                }
                return new ConstExpr(text, tok.Line);
            case TokenKind.Integer:
                return long.TryParse(tok.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var l)
                    ? new ConstExpr(l, tok.Line)
                    : throw Error("integer literal too large", tok);
            case TokenKind.Float:
                return new ConstExpr(double.Parse(tok.Value, NumberStyles.Float, CultureInfo.InvariantCulture), tok.Line);
            case TokenKind.Operator when tok.Value == "(":
                if (Accept(")"))
                {
                    return new ListExpr([], tuple: true, tok.Line);
                }
                var inner = ParseTuple();
                ExpectOp(")");
                return inner;
            case TokenKind.Operator when tok.Value == "[":
                var items = new List<Expr>();
                while (!Current.IsOperator("]"))
                {
                    if (items.Count > 0)
                    {
                        ExpectOp(",");
                        if (Current.IsOperator("]"))
                        {
                            break;
                        }
                    }
                    items.Add(ParseExpression());
                }
                Next();
                return new ListExpr(items, tuple: false, tok.Line);
            case TokenKind.Operator when tok.Value == "{":
                var pairs = new List<(Expr, Expr)>();
                while (!Current.IsOperator("}"))
                {
                    if (pairs.Count > 0)
                    {
                        ExpectOp(",");
                        if (Current.IsOperator("}"))
                        {
                            break;
                        }
                    }
                    var key = ParseExpression();
                    ExpectOp(":");
                    pairs.Add((key, ParseExpression()));
                }
                Next();
                return new DictExpr(pairs, tok.Line);
            default:
                throw Error($"unexpected {tok}", tok);
        }
    }

    private Expr ParsePostfix(Expr node)
    {
        while (true)
        {
            var tok = Current;
            if (tok.IsOperator("."))
            {
                Next();
                var attr = Next();
                node = attr.Kind switch
                {
                    TokenKind.Name => new AttrExpr(node, attr.Value, tok.Line),
                    TokenKind.Integer => new ItemExpr(node, new ConstExpr(long.Parse(attr.Value, CultureInfo.InvariantCulture), attr.Line), tok.Line),
                    _ => throw Error("expected name or number after '.'", attr),
                };
            }
            else if (tok.IsOperator("["))
            {
                Next();
                node = ParseSubscript(node, tok);
            }
            else if (tok.IsOperator("("))
            {
                Next();
                node = new CallExpr(node, ParseCallArgs(), tok.Line);
            }
            else
            {
                return node;
            }
        }
    }

    private Expr ParseSubscript(Expr node, Token tok)
    {
        Expr? start = null;
        if (!Current.IsOperator(":"))
        {
            start = ParseExpression();
            if (Accept("]"))
            {
                return new ItemExpr(node, start, tok.Line);
            }
        }
        ExpectOp(":");
        Expr? stop = Current.IsOperator("]") || Current.IsOperator(":") ? null : ParseExpression();
        Expr? step = null;
        if (Accept(":") && !Current.IsOperator("]"))
        {
            step = ParseExpression();
        }
        ExpectOp("]");
        return new SliceExpr(node, start, stop, step, tok.Line);
    }

    /// <summary>Arguments after an opening parenthesis, through the closing one.</summary>
    private Arguments ParseCallArgs()
    {
        var positional = new List<Expr>();
        var named = new List<(string, Expr)>();
        while (!Current.IsOperator(")"))
        {
            if (positional.Count + named.Count > 0)
            {
                ExpectOp(",");
                if (Current.IsOperator(")"))
                {
                    break;
                }
            }
            if (Current.IsOperator("*") || Current.IsOperator("**"))
            {
                throw Error("*args and **kwargs in calls are not supported", Current);
            }
            if (Current.Kind == TokenKind.Name && Peek().IsOperator("="))
            {
                var key = Next().Value;
                Next();
                named.Add((key, ParseExpression()));
            }
            else if (named.Count > 0)
            {
                throw Error("positional argument follows keyword argument", Current);
            }
            else
            {
                positional.Add(ParseExpression());
            }
        }
        Next();
        return new Arguments(positional, named);
    }

    private Expr ParseFilterExpr(Expr node)
    {
        while (true)
        {
            if (Current.IsOperator("|"))
            {
                Next();
                node = ParseFilter(node);
            }
            else if (Current.IsName("is"))
            {
                Next();
                node = ParseTest(node);
            }
            else if (Current.IsOperator("("))
            {
                var tok = Next();
                node = new CallExpr(node, ParseCallArgs(), tok.Line);
            }
            else
            {
                return node;
            }
        }
    }

    private FilterExpr ParseFilter(Expr? value)
    {
        var tok = ExpectName();
        var name = tok.Value;
        while (Accept("."))
        {
            name += "." + ExpectName().Value;
        }
        var args = Accept("(") ? ParseCallArgs() : Arguments.None;
        return new FilterExpr(value, name, args, tok.Line);
    }

    private TestExpr ParseTest(Expr value)
    {
        var negated = false;
        if (Current.IsName("not"))
        {
            Next();
            negated = true;
        }
        var tok = ExpectName();
        var name = tok.Value;
        // "is none", "is true" and "is false" lex as names of tests, not literals.
        Arguments args;
        if (Accept("("))
        {
            args = ParseCallArgs();
        }
        else if (Current.Kind is TokenKind.Name or TokenKind.String or TokenKind.Integer or TokenKind.Float
                 || Current.IsOperator("(") || Current.IsOperator("[") || Current.IsOperator("{"))
        {
            if (Current.IsName("else") || Current.IsName("or") || Current.IsName("and") || Current.IsName("if")
                || Current.IsName("in") || Current.IsName("not") || Current.IsName("is"))
            {
                args = Arguments.None;
            }
            else
            {
                args = new Arguments([ParsePostfix(ParsePrimary())], []);
            }
        }
        else
        {
            args = Arguments.None;
        }
        return new TestExpr(value, name, args, negated, tok.Line);
    }

    // ----- token helpers -----

    private bool Accept(string op)
    {
        if (Current.IsOperator(op))
        {
            _pos++;
            return true;
        }
        return false;
    }

    private void ExpectOp(string op)
    {
        if (!Accept(op))
        {
            throw Error($"expected '{op}', got {Current}", Current);
        }
    }

    private Token ExpectName()
    {
        if (Current.Kind != TokenKind.Name)
        {
            throw Error($"expected a name, got {Current}", Current);
        }
        return Next();
    }

    private void ExpectBlockEnd() => Expect(TokenKind.BlockEnd, "'%}'");

    private void Expect(TokenKind kind, string what)
    {
        if (Current.Kind != kind)
        {
            throw Error($"expected {what}, got {Current}", Current);
        }
        _pos++;
    }

    private static JinjaSyntaxException Error(string message, Token at) => new(message, at.Line, at.Column);
}
