namespace Locus.Grammar;

/// <summary>
/// A JSON schema that cannot be turned into a grammar: invalid, or outside what the converter supports.
/// </summary>
public sealed class SchemaGrammarException : Exception
{
    public SchemaGrammarException()
    {
        Path = "";
    }

    public SchemaGrammarException(string message) : base(message)
    {
        Path = "";
    }

    public SchemaGrammarException(string message, Exception innerException) : base(message, innerException)
    {
        Path = "";
    }

    public SchemaGrammarException(string path, string message)
        : base($"JSON schema error at {(path.Length == 0 ? "(root)" : path)}: {message}")
    {
        Path = path;
    }

    /// <summary>
    /// Where in the schema the problem is, as dotted keys from the schema's root (<c>properties.city.pattern</c>,
    /// <c>$defs.Foo</c>, <c>anyOf.1</c>); empty for the root itself.
    /// </summary>
    public string Path { get; }
}
