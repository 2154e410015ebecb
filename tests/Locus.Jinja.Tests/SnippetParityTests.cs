using System.Text.Json;

namespace Locus.Jinja.Tests;

/// <summary>
/// One small template per language feature (Fixtures/snippets.json), each compared with the output, or the error,
/// that real Jinja2 produced for it (Fixtures/expected/snippets.json, written by render_fixtures.py).
/// </summary>
public sealed class SnippetParityTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static TheoryData<string> Names()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "snippets.json")));
        var data = new TheoryData<string>();
        foreach (var s in doc.RootElement.EnumerateArray())
        {
            data.Add(s.GetProperty("name").GetString()!);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Render_Snippet_MatchesJinja2(string name)
    {
        using var snippets = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "snippets.json")));
        var snippet = snippets.RootElement.EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);
        var context = snippet.GetProperty("context").EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());
        using var expectations = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "expected", "snippets.json")));
        var expected = expectations.RootElement.GetProperty(name);

        var template = JinjaTemplate.Parse(snippet.GetProperty("template").GetString()!);

        if (expected.TryGetProperty("error", out var errorElement))
        {
            var error = errorElement.GetString()!;
            var separator = error.IndexOf(": ", StringComparison.Ordinal);
            var (type, message) = (error[..separator], error[(separator + 2)..]);
            var thrown = Assert.ThrowsAny<JinjaException>(() => template.Render(context, FixedTime.Instance));
            if (type == "TemplateError")
            {
                Assert.Equal(message, Assert.IsType<JinjaRaisedException>(thrown).Message);
            }
            else
            {
                Assert.Equal(message, Assert.IsType<JinjaRenderException>(thrown).Reason);
            }
            return;
        }
        FixtureParityTests.AssertSameText(expected.GetProperty("output").GetString()!, template.Render(context, FixedTime.Instance));
    }
}
