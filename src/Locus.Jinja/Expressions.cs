namespace Locus.Jinja;

internal abstract class Expr(int line)
{
    public int Line { get; } = line;

    public abstract object? Eval(Frame frame);
}

internal sealed class ConstExpr(object? value, int line) : Expr(line)
{
    public object? Value { get; } = value;

    public override object? Eval(Frame frame) => Value;
}

internal sealed class NameExpr(string name, int line) : Expr(line)
{
    public string Name { get; } = name;

    public override object? Eval(Frame frame) => frame.Lookup(Name);
}

internal sealed class ListExpr(List<Expr> items, bool tuple, int line) : Expr(line)
{
    public List<Expr> Items { get; } = items;

    public bool IsTuple { get; } = tuple;

    public override object? Eval(Frame frame)
    {
        var list = IsTuple ? new PyTuple() : new List<object?>(Items.Count);
        foreach (var item in Items)
        {
            list.Add(item.Eval(frame));
        }
        return list;
    }
}

internal sealed class DictExpr(List<(Expr Key, Expr Value)> pairs, int line) : Expr(line)
{
    public override object? Eval(Frame frame)
    {
        var dict = new PyDict();
        foreach (var (k, v) in pairs)
        {
            var key = k.Eval(frame);
            if (key is null or Undefined or List<object?> or PyDict)
            {
                throw new JinjaRenderException($"unhashable or invalid dict key: {PyOps.TypeName(key)}", Line);
            }
            dict[key] = v.Eval(frame);
        }
        return dict;
    }
}

internal sealed class AttrExpr(Expr target, string name, int line) : Expr(line)
{
    public Expr Target { get; } = target;

    public string Name { get; } = name;

    public override object? Eval(Frame frame) => PyOps.GetAttr(Target.Eval(frame), Name, Line);
}

internal sealed class ItemExpr(Expr target, Expr key, int line) : Expr(line)
{
    public override object? Eval(Frame frame) => PyOps.GetItem(target.Eval(frame), key.Eval(frame), Line);
}

internal sealed class SliceExpr(Expr target, Expr? start, Expr? stop, Expr? step, int line) : Expr(line)
{
    public override object? Eval(Frame frame) =>
        PyOps.Slice(target.Eval(frame), start?.Eval(frame), stop?.Eval(frame), step?.Eval(frame), Line);
}

internal sealed record Arguments(List<Expr> Positional, List<(string Name, Expr Value)> Named)
{
    public static readonly Arguments None = new([], []);

    public CallArgs Eval(Frame frame, int line, object? first = null, bool hasFirst = false)
    {
        var positional = new List<object?>(Positional.Count + 1);
        if (hasFirst)
        {
            positional.Add(first);
        }
        foreach (var p in Positional)
        {
            positional.Add(p.Eval(frame));
        }
        var named = Named.Count == 0 ? CallArgs.NoNamed : Named.Select(n => new KeyValuePair<string, object?>(n.Name, n.Value.Eval(frame))).ToList();
        return new CallArgs(positional, named, line);
    }
}

internal sealed class CallExpr(Expr callee, Arguments args, int line) : Expr(line)
{
    public override object? Eval(Frame frame)
    {
        var target = callee.Eval(frame);
        return target switch
        {
            Callable c => c.Call(args.Eval(frame, Line)),
            Undefined u => throw u.Fail(Line),
            _ => throw new JinjaRenderException($"'{PyOps.TypeName(target)}' object is not callable", Line),
        };
    }
}

internal sealed class FilterExpr(Expr? value, string name, Arguments args, int line) : Expr(line)
{
    // Jinja2 3.x reports an unknown filter only when it runs, so a template may guard one behind an untaken branch.
    private readonly Filters.Filter? _filter = Filters.Find(name);

    public object? Apply(object? input, Frame frame) =>
        (_filter ?? throw new JinjaRenderException($"No filter named '{name}'.", Line))(args.Eval(frame, Line, input, hasFirst: true));

    public override object? Eval(Frame frame) => Apply(value!.Eval(frame), frame);
}

internal sealed class TestExpr(Expr value, string name, Arguments args, bool negated, int line) : Expr(line)
{
    private readonly TestFunctions.Test? _test = TestFunctions.Find(name);

    public override object? Eval(Frame frame) =>
        (_test ?? throw new JinjaRenderException($"No test named '{name}'.", Line))(args.Eval(frame, Line, value.Eval(frame), hasFirst: true)) != negated;
}

internal sealed class NotExpr(Expr operand, int line) : Expr(line)
{
    public override object? Eval(Frame frame) => !PyOps.Truthy(operand.Eval(frame));
}

internal sealed class NegExpr(Expr operand, bool negative, int line) : Expr(line)
{
    public override object? Eval(Frame frame)
    {
        var v = operand.Eval(frame);
        return negative ? PyOps.Negate(v, Line) : PyOps.IsNumber(v) ? v : throw new JinjaRenderException($"bad operand type for unary +: '{PyOps.TypeName(v)}'", Line);
    }
}

internal sealed class AndExpr(Expr left, Expr right, int line) : Expr(line)
{
    public override object? Eval(Frame frame)
    {
        var l = left.Eval(frame);
        return PyOps.Truthy(l) ? right.Eval(frame) : l;
    }
}

internal sealed class OrExpr(Expr left, Expr right, int line) : Expr(line)
{
    public override object? Eval(Frame frame)
    {
        var l = left.Eval(frame);
        return PyOps.Truthy(l) ? l : right.Eval(frame);
    }
}

internal sealed class BinaryExpr(string op, Expr left, Expr right, int line) : Expr(line)
{
    public override object? Eval(Frame frame) => PyOps.Binary(op, left.Eval(frame), right.Eval(frame), Line);
}

internal sealed class ConcatExpr(List<Expr> parts, int line) : Expr(line)
{
    public override object? Eval(Frame frame) => string.Concat(parts.Select(p => PyOps.Str(p.Eval(frame))));
}

/// <summary>A comparison chain, a &lt; b &lt;= c, evaluated pairwise like Python.</summary>
internal sealed class CompareExpr(Expr first, List<(string Op, Expr Operand)> rest, int line) : Expr(line)
{
    public override object? Eval(Frame frame)
    {
        var left = first.Eval(frame);
        foreach (var (op, operand) in rest)
        {
            var right = operand.Eval(frame);
            var ok = op switch
            {
                "==" => PyOps.Eq(left, right),
                "!=" => !PyOps.Eq(left, right),
                "in" => PyOps.Contains(right, left, Line),
                "notin" => !PyOps.Contains(right, left, Line),
                "<" => PyOps.Compare(left, right, Line) < 0,
                "<=" => PyOps.Compare(left, right, Line) <= 0,
                ">" => PyOps.Compare(left, right, Line) > 0,
                _ => PyOps.Compare(left, right, Line) >= 0,
            };
            if (!ok)
            {
                return false;
            }
            left = right;
        }
        return true;
    }
}

internal sealed class CondExpr(Expr test, Expr then, Expr? otherwise, int line) : Expr(line)
{
    public override object? Eval(Frame frame) =>
        PyOps.Truthy(test.Eval(frame)) ? then.Eval(frame) : otherwise is null ? new Undefined("the inline if-expression evaluated to false and no else section was defined.") : otherwise.Eval(frame);
}
