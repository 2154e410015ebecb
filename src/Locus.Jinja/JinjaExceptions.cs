namespace Locus.Jinja;

/// <summary>Base of every error the Jinja interpreter raises, so callers can catch template problems in one place.</summary>
public abstract class JinjaException : Exception
{
    protected JinjaException(string message) : base(message) { }

    protected JinjaException(string message, Exception? inner) : base(message, inner) { }
}

/// <summary>The template source is not valid Jinja; <see cref="Line"/> and <see cref="Column"/> are 1-based.</summary>
public sealed class JinjaSyntaxException : JinjaException
{
    public JinjaSyntaxException(string message, int line, int column)
        : base($"{message} (line {line}, column {column})")
    {
        Line = line;
        Column = column;
        Reason = message;
    }

    public int Line { get; }

    public int Column { get; }

    /// <summary>The message without the position suffix.</summary>
    public string Reason { get; }
}

/// <summary>Rendering failed the way Jinja2 would fail (undefined access, type error, unsafe call...).</summary>
public sealed class JinjaRenderException : JinjaException
{
    public JinjaRenderException(string message, int line)
        : base(line > 0 ? $"{message} (line {line})" : message)
    {
        Line = line;
        Reason = message;
    }

    /// <summary>1-based template line of the failing node, 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>The message without the position suffix.</summary>
    public string Reason { get; }
}

/// <summary>The template itself called <c>raise_exception(message)</c>: the message is the template's own words.</summary>
public sealed class JinjaRaisedException : JinjaException
{
    public JinjaRaisedException(string message) : base(message) { }
}
