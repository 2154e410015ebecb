using System.Text;

namespace Locus.Jinja;

internal abstract class Stmt(int line)
{
    public int Line { get; } = line;

    public abstract Flow Execute(Frame frame, StringBuilder output);
}

/// <summary>A sequence of statements; stops early when a break or continue propagates out.</summary>
internal sealed class TemplateBody(List<Stmt> statements) : Stmt(0)
{
    public List<Stmt> Statements { get; } = statements;

    public override Flow Execute(Frame frame, StringBuilder output)
    {
        foreach (var s in Statements)
        {
            var flow = s.Execute(frame, output);
            if (flow != Flow.Normal)
            {
                return flow;
            }
        }
        return Flow.Normal;
    }

    public string RenderToString(Frame frame)
    {
        var sb = new StringBuilder();
        Execute(frame, sb);
        return sb.ToString();
    }
}

internal sealed class TextStmt(string text, int line) : Stmt(line)
{
    public override Flow Execute(Frame frame, StringBuilder output)
    {
        output.Append(text);
        return Flow.Normal;
    }
}

internal sealed class PrintStmt(Expr value, int line) : Stmt(line)
{
    public override Flow Execute(Frame frame, StringBuilder output)
    {
        var v = value.Eval(frame);
        output.Append(v as string ?? PyOps.Str(v));
        return Flow.Normal;
    }
}

internal sealed class IfStmt(List<(Expr Test, TemplateBody Body)> branches, TemplateBody? otherwise, int line) : Stmt(line)
{
    public override Flow Execute(Frame frame, StringBuilder output)
    {
        foreach (var (test, body) in branches)
        {
            if (PyOps.Truthy(test.Eval(frame)))
            {
                return body.Execute(frame, output);
            }
        }
        return otherwise?.Execute(frame, output) ?? Flow.Normal;
    }
}

internal sealed class ForStmt(List<string> targets, bool unpack, Expr iterable, Expr? filter, TemplateBody body, TemplateBody? otherwise, int line) : Stmt(line)
{
    public override Flow Execute(Frame frame, StringBuilder output)
    {
        var source = PyOps.Iterate(iterable.Eval(frame), Line);
        IReadOnlyList<object?> items = source;
        if (filter is not null)
        {
            var kept = new List<object?>();
            foreach (var item in source)
            {
                var probe = new Frame(frame, null);
                Bind(probe, item);
                if (PyOps.Truthy(filter.Eval(probe)))
                {
                    kept.Add(item);
                }
            }
            items = kept;
        }
        if (items.Count == 0)
        {
            return otherwise?.Execute(frame, output) ?? Flow.Normal;
        }
        var loop = new LoopInfo(items);
        for (var i = 0; i < items.Count; i++)
        {
            loop.Index0 = i;
            var iteration = new Frame(frame, null);
            iteration.Set("loop", loop);
            Bind(iteration, items[i]);
            if (body.Execute(iteration, output) == Flow.Break)
            {
                break;
            }
        }
        return Flow.Normal;
    }

    private void Bind(Frame frame, object? item)
    {
        if (!unpack)
        {
            frame.Set(targets[0], item);
            return;
        }
        var parts = PyOps.Iterate(item, Line);
        if (parts.Count != targets.Count)
        {
            throw new JinjaRenderException($"cannot unpack {parts.Count} values into {targets.Count} loop variables", Line);
        }
        for (var i = 0; i < targets.Count; i++)
        {
            frame.Set(targets[i], parts[i]);
        }
    }
}

internal sealed class SetStmt(Expr target, Expr value, int line) : Stmt(line)
{
    public override Flow Execute(Frame frame, StringBuilder output)
    {
        Assign(frame, target, value.Eval(frame), Line);
        return Flow.Normal;
    }

    public static void Assign(Frame frame, Expr target, object? value, int line)
    {
        switch (target)
        {
            case NameExpr n:
                frame.Set(n.Name, value);
                break;
            case AttrExpr a:
                if (a.Target.Eval(frame) is not Namespace ns)
                {
                    throw new JinjaRenderException("can only assign attributes of a namespace object", line);
                }
                ns.Attributes[a.Name] = value;
                break;
            case ListExpr { IsTuple: true } tuple:
                var parts = PyOps.Iterate(value, line);
                if (parts.Count != tuple.Items.Count)
                {
                    throw new JinjaRenderException($"cannot unpack {parts.Count} values into {tuple.Items.Count} names", line);
                }
                for (var i = 0; i < parts.Count; i++)
                {
                    Assign(frame, tuple.Items[i], parts[i], line);
                }
                break;
            default:
                throw new JinjaRenderException("can't assign to this target", line);
        }
    }
}

internal sealed class SetBlockStmt(Expr target, List<FilterExpr> filters, TemplateBody body, int line) : Stmt(line)
{
    public override Flow Execute(Frame frame, StringBuilder output)
    {
        object? value = body.RenderToString(frame);
        foreach (var f in filters)
        {
            value = f.Apply(value, frame);
        }
        SetStmt.Assign(frame, target, value, Line);
        return Flow.Normal;
    }
}

internal sealed class FilterBlockStmt(List<FilterExpr> filters, TemplateBody body, int line) : Stmt(line)
{
    public override Flow Execute(Frame frame, StringBuilder output)
    {
        object? value = body.RenderToString(frame);
        foreach (var f in filters)
        {
            value = f.Apply(value, frame);
        }
        output.Append(PyOps.Str(value));
        return Flow.Normal;
    }
}

internal sealed class LoopControlStmt(Flow flow, int line) : Stmt(line)
{
    public override Flow Execute(Frame frame, StringBuilder output) => flow;
}

internal sealed class MacroStmt(string name, List<string> parameters, List<Expr?> defaults, TemplateBody body, int line) : Stmt(line)
{
    public override Flow Execute(Frame frame, StringBuilder output)
    {
        frame.Set(name, new Macro(name, parameters, defaults, body, frame));
        return Flow.Normal;
    }
}

/// <summary>A defined macro: a closure over the frame it was defined in, so later top-level sets are visible.</summary>
internal sealed class Macro(string name, List<string> parameters, List<Expr?> defaults, TemplateBody body, Frame closure) : Callable
{
    public override object? Call(CallArgs args)
    {
        if (args.Positional.Count > parameters.Count)
        {
            throw new JinjaRenderException($"macro '{name}' takes not more than {parameters.Count} argument(s)", args.Line);
        }
        var frame = new Frame(closure, null);
        for (var i = 0; i < parameters.Count; i++)
        {
            if (i < args.Positional.Count)
            {
                frame.Set(parameters[i], args.Positional[i]);
            }
        }
        var extra = new PyDict();
        foreach (var (key, value) in args.Named)
        {
            var index = parameters.IndexOf(key);
            if (index < 0)
            {
                extra[key] = value;
            }
            else if (index < args.Positional.Count)
            {
                throw new JinjaRenderException($"macro '{name}' got multiple values for argument '{key}'", args.Line);
            }
            else
            {
                frame.Set(key, value);
            }
        }
        if (extra.Count > 0)
        {
            throw new JinjaRenderException($"macro '{name}' takes no keyword argument '{extra.Keys.First()}'", args.Line);
        }
        for (var i = args.Positional.Count; i < parameters.Count; i++)
        {
            if (!args.Named.Exists(p => p.Key == parameters[i]))
            {
                // Defaults are evaluated at call time and may refer to earlier parameters, as in Jinja2.
                frame.Set(parameters[i], defaults[i] is { } d ? d.Eval(frame) : new Undefined($"parameter '{parameters[i]}' was not provided"));
            }
        }
        return body.RenderToString(frame);
    }
}

/// <summary>HF's {% generation %}: only marks assistant text for masks; rendering outputs the body unchanged.</summary>
internal sealed class GenerationStmt(TemplateBody body, int line) : Stmt(line)
{
    public override Flow Execute(Frame frame, StringBuilder output) => body.Execute(frame, output);
}
