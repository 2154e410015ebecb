using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Locus.Llama.Tools;

/// <summary>
/// Reads a Llama 3.1 built-in tool call, <c>brave_search.call(query="…")</c>, written after &lt;|python_tag|&gt;.
/// Keyword arguments become a JSON object: quoted values as strings, True/False/None as JSON literals, numbers as
/// numbers. The arguments are sent whole when the closing parenthesis arrives.
/// </summary>
internal sealed class PythonCallReader(CallSink sink) : ICallReader
{
    private const string CallSuffix = ".call(";
    private readonly StringBuilder _name = new();
    private readonly StringBuilder _args = new();
    private int _suffixMatched;
    private bool _inArgs;
    private char? _quote;
    private bool _escaped;

    public string? Failure { get; private set; }

    public bool Committed => _inArgs;

    public ReadResult Feed(char c)
    {
        if (!_inArgs)
        {
            if (_suffixMatched == 0 && (char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                _name.Append(c);
                return ReadResult.Continue;
            }

            if (_name.Length > 0 && c == CallSuffix[_suffixMatched])
            {
                if (++_suffixMatched == CallSuffix.Length)
                {
                    _inArgs = true;
                    sink.Start(_name.ToString());
                }

                return ReadResult.Continue;
            }

            return Fail("expected a JSON call or name.call(…) after <|python_tag|>");
        }

        if (_quote is { } q)
        {
            _args.Append(c);
            if (_escaped)
            {
                _escaped = false;
            }
            else if (c == '\\')
            {
                _escaped = true;
            }
            else if (c == q)
            {
                _quote = null;
            }

            return ReadResult.Continue;
        }

        if (c == ')')
        {
            var json = ArgumentsJson(_args.ToString());
            if (json is null)
            {
                return Fail("the built-in call's arguments are not keyword arguments");
            }

            sink.Arguments(json);
            sink.End(null);
            return ReadResult.Done;
        }

        if (c is '"' or '\'')
        {
            _quote = c;
        }

        _args.Append(c);
        return ReadResult.Continue;
    }

    public bool TryFinish() => false;

    /// <summary><c>a="x", b=2</c> as a JSON object; null when it is not a list of keyword arguments.</summary>
    internal static string? ArgumentsJson(string text)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            var i = 0;
            while (true)
            {
                SkipSpaces(text, ref i);
                if (i >= text.Length)
                {
                    break;
                }

                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                var key = text[start..i];
                SkipSpaces(text, ref i);
                if (key.Length == 0 || i >= text.Length || text[i] != '=')
                {
                    return null;
                }

                i++;
                SkipSpaces(text, ref i);
                json.WritePropertyName(key);
                if (!WriteValue(text, ref i, json))
                {
                    return null;
                }

                SkipSpaces(text, ref i);
                if (i < text.Length && text[i] != ',')
                {
                    return null;
                }

                i++;
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static bool WriteValue(string text, ref int i, Utf8JsonWriter json)
    {
        if (i < text.Length && text[i] is '"' or '\'')
        {
            var quote = text[i++];
            var value = new StringBuilder();
            while (i < text.Length && text[i] != quote)
            {
                if (text[i] == '\\' && i + 1 < text.Length)
                {
                    i++;
                    value.Append(text[i] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', var other => other });
                }
                else
                {
                    value.Append(text[i]);
                }

                i++;
            }

            if (i >= text.Length)
            {
                return false;
            }

            i++;
            json.WriteStringValue(value.ToString());
            return true;
        }

        var start = i;
        while (i < text.Length && text[i] != ',')
        {
            i++;
        }

        var bare = text[start..i].Trim();
        switch (bare)
        {
            case "True": json.WriteBooleanValue(true); return true;
            case "False": json.WriteBooleanValue(false); return true;
            case "None": json.WriteNullValue(); return true;
        }

        if (double.TryParse(bare, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            json.WriteNumberValue(number);
            return true;
        }

        return false;
    }

    private static void SkipSpaces(string text, ref int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }
    }

    private ReadResult Fail(string reason)
    {
        Failure = reason;
        return ReadResult.Failed;
    }
}
