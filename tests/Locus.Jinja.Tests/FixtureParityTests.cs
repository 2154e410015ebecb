using System.Text.Json;

namespace Locus.Jinja.Tests;

/// <summary>
/// Every (template, scenario) pair under Fixtures/ rendered here must equal, byte for byte, what real Jinja2 with
/// Hugging Face's settings produced (Fixtures/render_fixtures.py); where Jinja2 raised, we must raise too.
/// </summary>
public sealed class FixtureParityTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var template in Directory.GetFiles(Path.Combine(Root, "templates"), "*.jinja").Order(StringComparer.Ordinal))
        {
            foreach (var scenario in Directory.GetFiles(Path.Combine(Root, "scenarios"), "*.json").Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileNameWithoutExtension(template), Path.GetFileNameWithoutExtension(scenario));
            }
        }
        return data;
    }

    [Fact]
    public void Fixtures_CoverAtLeastTwentyFourTemplates_AndEveryCaseHasAnExpectation()
    {
        var cases = Cases();
        Assert.True(cases.Count >= 24 * 4, $"only {cases.Count} fixture cases");
        foreach (var row in cases)
        {
            var (template, scenario) = ((string)row[0], (string)row[1]);
            var expected = Path.Combine(Root, "expected", $"{template}.{scenario}");
            Assert.True(File.Exists(expected + ".txt") || File.Exists(expected + ".error.txt"), $"no expectation for {template}.{scenario}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Render_RealTemplate_MatchesJinja2(string template, string scenario)
    {
        var source = File.ReadAllText(Path.Combine(Root, "templates", template + ".jinja"));
        var parsed = JinjaTemplate.Parse(source);
        var context = BuildContext(template, scenario);
        var expectedPath = Path.Combine(Root, "expected", $"{template}.{scenario}");

        if (File.Exists(expectedPath + ".error.txt"))
        {
            var error = File.ReadAllText(expectedPath + ".error.txt");
            var thrown = Assert.ThrowsAny<JinjaException>(() => parsed.Render(context, FixedTime.Instance));
            if (error.StartsWith("TemplateError: ", StringComparison.Ordinal))
            {
                var raised = Assert.IsType<JinjaRaisedException>(thrown);
                Assert.Equal(error["TemplateError: ".Length..], raised.Message);
            }
            else
            {
                Assert.IsType<JinjaRenderException>(thrown);
            }
            return;
        }

        var expected = File.ReadAllText(expectedPath + ".txt");
        var actual = parsed.Render(context, FixedTime.Instance);
        AssertSameText(expected, actual);
    }

    internal static Dictionary<string, object?> BuildContext(string template, string scenario)
    {
        var context = new Dictionary<string, object?>(StringComparer.Ordinal);
        using (var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "scenarios", scenario + ".json"))))
        {
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                context[p.Name] = p.Value.Clone();
            }
        }
        using var extra = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "template_context.json")));
        var perTemplate = extra.RootElement.TryGetProperty(template, out var t) ? t : extra.RootElement.GetProperty("default");
        foreach (var p in perTemplate.EnumerateObject())
        {
            context[p.Name] = p.Value.Clone();
        }
        return context;
    }

    /// <summary>Assert.Equal on long prompts hides the difference; name the first differing offset with context.</summary>
    internal static void AssertSameText(string expected, string actual)
    {
        if (expected == actual)
        {
            return;
        }
        var i = 0;
        while (i < expected.Length && i < actual.Length && expected[i] == actual[i])
        {
            i++;
        }
        static string Around(string s, int at) =>
            JsonSerializer.Serialize(s.Substring(Math.Max(0, at - 60), Math.Min(s.Length, at + 60) - Math.Max(0, at - 60)));
        Assert.Fail($"first difference at offset {i} (expected length {expected.Length}, actual {actual.Length})\n" +
                    $"expected: {Around(expected, i)}\nactual:   {Around(actual, i)}");
    }
}
