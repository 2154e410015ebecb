using System.Text.Json;

namespace Locus.Jinja.Tests;

public sealed class JinjaTemplateTests
{
    private static string Render(string source, Dictionary<string, object?>? context = null, TimeProvider? time = null) =>
        JinjaTemplate.Parse(source).Render(context ?? [], time ?? FixedTime.Instance);

    [Fact]
    public void Parse_UnclosedExpression_ThrowsWithLineAndColumn()
    {
        var ex = Assert.Throws<JinjaSyntaxException>(() => JinjaTemplate.Parse("line one\n  {{ x "));
        Assert.Equal(2, ex.Line);
        Assert.Equal(3, ex.Column);
        Assert.Contains("'}}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingEndfor_ThrowsNamingTheExpectedTag()
    {
        var ex = Assert.Throws<JinjaSyntaxException>(() => JinjaTemplate.Parse("{% for x in y %}\n{{ x }}\n"));
        Assert.Contains("endfor", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UnknownFilter_FailsOnlyWhenReachedLikeJinja2()
    {
        var template = JinjaTemplate.Parse("ok\n{% if flag %}{{ x | from_json }}{% endif %}");
        Assert.Equal("ok\n", template.Render(new Dictionary<string, object?> { ["flag"] = false }));
        var ex = Assert.Throws<JinjaRenderException>(() => template.Render(new Dictionary<string, object?> { ["flag"] = true, ["x"] = "{}" }));
        Assert.Equal(2, ex.Line);
        Assert.Equal("No filter named 'from_json'.", ex.Reason);
    }

    [Fact]
    public void Parse_UnknownTag_Throws()
    {
        var ex = Assert.Throws<JinjaSyntaxException>(() => JinjaTemplate.Parse("{% include 'x' %}"));
        Assert.Contains("include", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NullSource_ThrowsArgumentNull() =>
        Assert.Throws<ArgumentNullException>(() => JinjaTemplate.Parse(null!));

    [Fact]
    public void Render_AttributeOfUndefined_ThrowsRenderErrorWithLine()
    {
        var ex = Assert.Throws<JinjaRenderException>(() => Render("a\nb\n{{ message.content }}"));
        Assert.Equal(3, ex.Line);
        Assert.Equal("'message' is undefined", ex.Reason);
    }

    [Fact]
    public void Render_RaiseException_ThrowsRaisedWithTheTemplatesMessage()
    {
        var ex = Assert.Throws<JinjaRaisedException>(() => Render("{{ raise_exception('Conversation roles must alternate ' ~ 'user/assistant') }}"));
        Assert.Equal("Conversation roles must alternate user/assistant", ex.Message);
    }

    [Fact]
    public void Render_DotNetValues_PrintWithPythonSemantics()
    {
        var context = new Dictionary<string, object?>
        {
            ["i"] = 3,
            ["d"] = 1.0,
            ["b"] = true,
            ["n"] = null,
            ["list"] = new object?[] { 1, "a", null, false },
            ["map"] = new Dictionary<string, object?> { ["z"] = 1, ["a"] = 2.5 },
        };
        Assert.Equal("3|1.0|True|None|[1, 'a', None, False]|{'z': 1, 'a': 2.5}|{\"z\": 1, \"a\": 2.5}",
            Render("{{ i }}|{{ d }}|{{ b }}|{{ n }}|{{ list }}|{{ map }}|{{ map | tojson }}", context));
    }

    [Fact]
    public void Render_JsonElement_KeepsPropertyOrderAndIntegerVersusFloat()
    {
        using var doc = JsonDocument.Parse("""{"zeta": 1, "alpha": 1.0, "big": 1e3, "nested": {"b": [true, null], "a": "é"}}""");
        var context = new Dictionary<string, object?> { ["schema"] = doc.RootElement.Clone() };
        Assert.Equal("""{"zeta": 1, "alpha": 1.0, "big": 1000.0, "nested": {"b": [true, null], "a": "é"}}|int|float""",
            Render("{{ schema | tojson }}|{{ 'int' if schema.zeta is integer }}|{{ 'float' if schema.alpha is float }}", context));
    }

    [Fact]
    public void Render_StrftimeNow_UsesTheInjectedClock()
    {
        Assert.Equal("02 Jan 2026 03:04", Render("{{ strftime_now('%d %b %Y %H:%M') }}"));
    }

    [Fact]
    public void Render_UnsupportedContextValue_ThrowsNamingThePath()
    {
        var context = new Dictionary<string, object?> { ["messages"] = new object?[] { new Uri("http://x") } };
        var ex = Assert.Throws<ArgumentException>(() => Render("{{ messages }}", context));
        Assert.Contains("messages[0]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SameTemplateTwice_SharesNoStateBetweenRenders()
    {
        var template = JinjaTemplate.Parse("{% set ns = namespace(n=0) %}{% for m in messages %}{% set ns.n = ns.n + 1 %}{% endfor %}{{ ns.n }}");
        var two = new Dictionary<string, object?> { ["messages"] = new object?[] { 1, 2 } };
        var three = new Dictionary<string, object?> { ["messages"] = new object?[] { 1, 2, 3 } };
        Assert.Equal("2", template.Render(two));
        Assert.Equal("3", template.Render(three));
        Assert.Equal("2", template.Render(two));
    }

    [Fact]
    public void Render_LoopVariables_ReflectPositionWithinFilteredItems()
    {
        var context = new Dictionary<string, object?> { ["xs"] = new object?[] { 1, 2, 3, 4 } };
        Assert.Equal("2:1/2,4:2/2,", Render("{% for x in xs if x is even %}{{ x }}:{{ loop.index }}/{{ loop.length }},{% endfor %}", context));
    }

    [Fact]
    public void Render_TrailingNewline_IsDroppedLikeJinja2()
    {
        Assert.Equal("hello", Render("hello\n"));
        Assert.Equal("hello\n", Render("hello\n\n"));
    }

    [Fact]
    public void Render_NullContext_ThrowsArgumentNull() =>
        Assert.Throws<ArgumentNullException>(() => JinjaTemplate.Parse("x").Render(null!));
}
