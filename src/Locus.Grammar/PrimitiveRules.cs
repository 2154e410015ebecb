namespace Locus.Grammar;

/// <summary>A built-in rule and the built-in rules its body references.</summary>
internal sealed record BuiltinRule(string Body, params string[] Dependencies);

/// <summary>
/// The shared rules every grammar draws on, with llama.cpp's names and bodies (common/json-schema-to-grammar.cpp), so
/// that grammars for the same schema come out the same and shared pieces are written once.
/// </summary>
internal static class PrimitiveRules
{
    public const string Space = """| " " | "\n"{1,2} [ \t]{0,20}""";

    /// <summary>At most one space between JSON tokens (<see cref="JsonGrammarStyle.Tight"/>).</summary>
    public const string TightSpace = "\" \"?";

    /// <summary>llama.cpp's rule for one character of a JSON string, as the grammar text writes it.</summary>
    public const string CharLine = """char ::= [^"\\\x7F\x00-\x1F] | [\\] (["\\bfnrt] | "u" [0-9a-fA-F]{4})""";

    /// <summary>The same without <c>\uD800</c>–<c>\uDFFF</c> (<see cref="JsonGrammarStyle.Tight"/>).</summary>
    public const string TightCharLine =
        """char ::= [^"\\\x7F\x00-\x1F] | [\\] (["\\bfnrt] | "u" ([0-9a-cA-Ce-fE-F] [0-9a-fA-F]{3} | [dD] [0-7] [0-9a-fA-F]{2}))""";

    /// <summary>llama.cpp's date rule (any month may have 31 days), as the grammar text writes it.</summary>
    public const string DateLine = """date ::= [0-9]{4} "-" ( "0" [1-9] | "1" [0-2] ) "-" ( "0" [1-9] | [1-2] [0-9] | "3" [0-1] )""";

    /// <summary>
    /// Only real dates (<see cref="JsonGrammarStyle.Tight"/>): years 0001–9999, each month's own length, February to the
    /// 28th (the 29th would need the year's leap rule; the grammar may be stricter than the schema, never looser).
    /// </summary>
    public const string TightDateLine =
        """date ::= ( [1-9] [0-9]{3} | "0" [1-9] [0-9]{2} | "00" [1-9] [0-9] | "000" [1-9] ) "-" ( ( "0" [13578] | "1" [02] ) "-" ( "0" [1-9] | [1-2] [0-9] | "3" [0-1] ) | ( "0" [469] | "11" ) "-" ( "0" [1-9] | [1-2] [0-9] | "30" ) | "02" "-" ( "0" [1-9] | "1" [0-9] | "2" [0-8] ) )""";

    public static readonly IReadOnlyDictionary<string, BuiltinRule> Primitives = new Dictionary<string, BuiltinRule>(StringComparer.Ordinal)
    {
        ["boolean"] = new("""("true" | "false")"""),
        ["decimal-part"] = new("[0-9]{1,16}"),
        ["integral-part"] = new("[0] | [1-9] [0-9]{0,15}"),
        ["number"] = new("""("-"? integral-part) ("." decimal-part)? ([eE] [-+]? integral-part)?""", "integral-part", "decimal-part"),
        ["integer"] = new("""("-"? integral-part)""", "integral-part"),
        ["value"] = new("object | array | string | number | boolean | null", "object", "array", "string", "number", "boolean", "null"),
        ["object"] = new("""
            "{" space ( string ":" space value ("," space string ":" space value)* )? space "}"
            """, "string", "value"),
        ["array"] = new("""
            "[" space ( value ("," space value)* )? space "]"
            """, "value"),
        ["uuid"] = new("""
            "\"" [0-9a-fA-F]{8} "-" [0-9a-fA-F]{4} "-" [0-9a-fA-F]{4} "-" [0-9a-fA-F]{4} "-" [0-9a-fA-F]{12} "\""
            """),
        ["char"] = new("""
            [^"\\\x7F\x00-\x1F] | [\\] (["\\bfnrt] | "u" [0-9a-fA-F]{4})
            """),
        ["string"] = new("""
            "\"" char* "\""
            """, "char"),
        ["null"] = new("\"null\""),
    };

    public static readonly IReadOnlyDictionary<string, BuiltinRule> StringFormats = new Dictionary<string, BuiltinRule>(StringComparer.Ordinal)
    {
        ["date"] = new("""
            [0-9]{4} "-" ( "0" [1-9] | "1" [0-2] ) "-" ( "0" [1-9] | [1-2] [0-9] | "3" [0-1] )
            """),
        ["time"] = new("""
            ([01] [0-9] | "2" [0-3]) ":" [0-5] [0-9] ":" [0-5] [0-9] ( "." [0-9]{3} )? ( "Z" | ( "+" | "-" ) ( [01] [0-9] | "2" [0-3] ) ":" [0-5] [0-9] )
            """),
        ["date-time"] = new("""
            date "T" time
            """, "date", "time"),
        ["date-string"] = new("""
            "\"" date "\""
            """, "date"),
        ["time-string"] = new("""
            "\"" time "\""
            """, "time"),
        ["date-time-string"] = new("""
            "\"" date-time "\""
            """, "date-time"),
    };

    /// <summary>Names a schema-derived rule must not take: they would shadow a built-in one.</summary>
    public static bool IsReserved(string name) =>
        name == "root" || Primitives.ContainsKey(name) || StringFormats.ContainsKey(name);

    public static BuiltinRule Find(string name) =>
        Primitives.TryGetValue(name, out var rule) ? rule : StringFormats[name];
}
