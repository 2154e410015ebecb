namespace Locus.Jinja;

/// <summary>A variable scope: the globals and context at the root, then loop iterations and macro calls.</summary>
internal sealed class Frame(Frame? parent, Dictionary<string, object?>? vars)
{
    private Dictionary<string, object?>? _vars = vars;

    public Frame? Parent { get; } = parent;

    public object? Lookup(string name)
    {
        for (var f = this; f is not null; f = f.Parent)
        {
            if (f._vars is not null && f._vars.TryGetValue(name, out var value))
            {
                return value;
            }
        }
        return new Undefined($"'{name}' is undefined");
    }

    public void Set(string name, object? value) => (_vars ??= new Dictionary<string, object?>(StringComparer.Ordinal))[name] = value;
}

internal enum Flow
{
    Normal,
    Break,
    Continue,
}
