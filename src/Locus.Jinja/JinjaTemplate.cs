namespace Locus.Jinja;

/// <summary>
/// A parsed chat template, rendered with Hugging Face's Jinja2 settings (trim_blocks, lstrip_blocks, loopcontrols,
/// HF's tojson, raise_exception and strftime_now). Parse once; <see cref="Render"/> is safe to call concurrently.
/// </summary>
public sealed class JinjaTemplate
{
    private readonly TemplateBody _body;

    private JinjaTemplate(TemplateBody body) => _body = body;

    /// <summary>Parses <paramref name="source"/>; throws <see cref="JinjaSyntaxException"/> with the line and column of the fault.</summary>
    public static JinjaTemplate Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var tokens = new Lexer(source).Tokenize();
        return new JinjaTemplate(new Parser(tokens).ParseTemplate());
    }

    /// <summary>
    /// Renders with <paramref name="context"/> as the template's variables. Values may be string, bool, integers,
    /// floating point numbers, null, lists, string-keyed dictionaries (insertion order is kept) and JsonElement.
    /// <paramref name="time"/> feeds strftime_now (local time of the provider); the system clock when null.
    /// </summary>
    public string Render(IReadOnlyDictionary<string, object?> context, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var globals = new Dictionary<string, object?>(StringComparer.Ordinal);
        Builtins.AddGlobals(globals, time ?? TimeProvider.System);
        foreach (var (key, value) in context)
        {
            globals[key] = ValueConverter.FromDotNet(value, key);
        }
        var output = new System.Text.StringBuilder();
        var frame = new Frame(new Frame(null, globals), null);
        _body.Execute(frame, output);
        return output.ToString();
    }
}
