namespace Locus.Jinja;

/// <summary>Jinja2's "is" tests, with Python's notion of the types they check.</summary>
internal static class TestFunctions
{
    public delegate bool Test(CallArgs args);

    private static readonly Dictionary<string, Test> All = new(StringComparer.Ordinal)
    {
        ["defined"] = a => a.Positional[0] is not Undefined,
        ["undefined"] = a => a.Positional[0] is Undefined,
        ["none"] = a => a.Positional[0] is null,
        ["string"] = a => a.Positional[0] is string or Markup,
        ["mapping"] = a => a.Positional[0] is PyDict,
        // Undefined defines __iter__, __len__ and __getitem__ in Jinja2, so it passes both of these.
        ["iterable"] = a => a.Positional[0] is string or Markup or List<object?> or PyDict or Undefined,
        ["sequence"] = a => a.Positional[0] is string or Markup or List<object?> or PyDict or Undefined,
        ["number"] = a => a.Positional[0] is long or double or bool,
        ["integer"] = a => a.Positional[0] is long,
        ["float"] = a => a.Positional[0] is double,
        ["boolean"] = a => a.Positional[0] is bool,
        ["true"] = a => a.Positional[0] is true,
        ["false"] = a => a.Positional[0] is false,
        ["callable"] = a => a.Positional[0] is Callable,
        ["odd"] = a => PyOps.ToLong(Integer(a)) % 2 != 0,
        ["even"] = a => PyOps.ToLong(Integer(a)) % 2 == 0,
        ["divisibleby"] = a => PyOps.ToLong(Integer(a)) % PyOps.ToLong(a.Get(1, "num")) == 0,
        ["eq"] = a => PyOps.Eq(a.Positional[0], a.Get(1, "b")),
        ["equalto"] = a => PyOps.Eq(a.Positional[0], a.Get(1, "b")),
        ["=="] = a => PyOps.Eq(a.Positional[0], a.Get(1, "b")),
        ["ne"] = a => !PyOps.Eq(a.Positional[0], a.Get(1, "b")),
        ["!="] = a => !PyOps.Eq(a.Positional[0], a.Get(1, "b")),
        ["lt"] = a => PyOps.Compare(a.Positional[0], a.Get(1, "b"), a.Line) < 0,
        ["lessthan"] = a => PyOps.Compare(a.Positional[0], a.Get(1, "b"), a.Line) < 0,
        ["<"] = a => PyOps.Compare(a.Positional[0], a.Get(1, "b"), a.Line) < 0,
        ["le"] = a => PyOps.Compare(a.Positional[0], a.Get(1, "b"), a.Line) <= 0,
        ["<="] = a => PyOps.Compare(a.Positional[0], a.Get(1, "b"), a.Line) <= 0,
        ["gt"] = a => PyOps.Compare(a.Positional[0], a.Get(1, "b"), a.Line) > 0,
        ["greaterthan"] = a => PyOps.Compare(a.Positional[0], a.Get(1, "b"), a.Line) > 0,
        [">"] = a => PyOps.Compare(a.Positional[0], a.Get(1, "b"), a.Line) > 0,
        ["ge"] = a => PyOps.Compare(a.Positional[0], a.Get(1, "b"), a.Line) >= 0,
        [">="] = a => PyOps.Compare(a.Positional[0], a.Get(1, "b"), a.Line) >= 0,
        ["in"] = a => PyOps.Contains(a.Get(1, "seq"), a.Positional[0], a.Line),
        ["sameas"] = a => a.Positional[0] is null ? a.Get(1, "other") is null
            : a.Positional[0] is bool b ? a.Get(1, "other") is bool o && o == b
            : ReferenceEquals(a.Positional[0], a.Get(1, "other")),
        ["lower"] = a => a.Positional[0] is string s && s.Any(char.IsLower) && !s.Any(char.IsUpper),
        ["upper"] = a => a.Positional[0] is string s && s.Any(char.IsUpper) && !s.Any(char.IsLower),
        ["escaped"] = _ => false,
        ["filter"] = a => a.Positional[0] is string s && Filters.Find(s) is not null,
        ["test"] = a => a.Positional[0] is string s && All!.ContainsKey(s),
    };

    public static Test? Find(string name) => All.GetValueOrDefault(name);

    private static object? Integer(CallArgs a) => a.Positional[0] is long or bool ? a.Positional[0]
        : a.Positional[0] is Undefined u ? throw u.Fail(a.Line)
        : throw new JinjaRenderException($"test needs an integer, got '{PyOps.TypeName(a.Positional[0])}'", a.Line);
}
