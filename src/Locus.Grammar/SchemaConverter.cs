using System.Globalization;
using System.Text;

namespace Locus.Grammar;

/// <summary>
/// Writes the rules for one <see cref="SchemaDocument"/> into a shared <see cref="RuleSet"/>, naming them as llama.cpp's
/// converter does (a property's rule after its path, <c>-kv</c> for the key and value, <c>ref-defs-X</c> for a
/// <c>$ref</c>), so that our grammar for a schema can be compared line by line with theirs.
/// </summary>
internal sealed class SchemaConverter
{
    private readonly RuleSet _rules;
    private readonly SchemaDocument _document;
    private readonly List<string> _warnings;

    // This schema's $refs and the rule each became; $refs resolve within one schema, never across schemas.
    private readonly Dictionary<string, string> _refRules = new(StringComparer.Ordinal);

    public SchemaConverter(RuleSet rules, SchemaDocument document, List<string> warnings)
    {
        _rules = rules;
        _document = document;
        _warnings = warnings;
    }

    /// <summary>Adds the rules for the whole schema; an empty <paramref name="name"/> makes it the <c>root</c> rule.</summary>
    public string Add(string name) => Visit(_document.Root, name, "");

    private static string SubName(string name, string suffix) => name.Length == 0 ? suffix : name + "-" + suffix;

    private string Visit(SchemaNode schema, string name, string path)
    {
        var ruleName = PrimitiveRules.IsReserved(name) ? name + "-" : name.Length == 0 ? "root" : name;
        switch (schema)
        {
            case RefNode reference:
                return AddRule(ruleName, ResolveRef(reference), path);
            case AnyOfNode anyOf:
                return _rules.Add(ruleName, string.Join(" | ", anyOf.Alternatives.Select((alternative, i) =>
                    Visit(alternative, name + (name.Length == 0 ? "alternative-" : "-") + i.ToString(CultureInfo.InvariantCulture), path))));
            case AllOfNode allOf:
                return VisitAllOf(allOf, name, ruleName, path);
            case ConstNode constant:
                return _rules.Add(ruleName, ConstantRule(constant.Value));
            case EnumNode enumeration:
                return _rules.Add(ruleName, "(" + string.Join(" | ", enumeration.Values.Select(ConstantRule)) + ")");
            case ObjectNode obj:
                if (obj.Properties.Count == 0 && obj.AdditionalProperties is AnyNode)
                {
                    return _rules.Add(ruleName, AddPrimitive("object"));
                }

                return _rules.Add(ruleName, ObjectRule(obj.Properties, name, obj.AdditionalProperties, path));
            case TupleNode tuple:
                {
                    var rule = new StringBuilder("\"[\" space ");
                    for (var i = 0; i < tuple.Items.Count; i++)
                    {
                        if (i > 0)
                        {
                            rule.Append(" \",\" space ");
                        }

                        rule.Append(Visit(tuple.Items[i], SubName(name, "tuple-" + i.ToString(CultureInfo.InvariantCulture)), path));
                    }

                    return _rules.Add(ruleName, rule.Append(" space \"]\"").ToString());
                }

            case ArrayNode array:
                {
                    if (array.Items is AnyNode && array.MinItems == 0 && array.MaxItems is null)
                    {
                        return VisitPrimitive(ruleName, "array");
                    }

                    var itemRule = Visit(array.Items, SubName(name, "item"), path);
                    var repetition = Repetition.Build(itemRule, array.MinItems, array.MaxItems ?? int.MaxValue, "\",\" space");
                    return _rules.Add(ruleName, "\"[\" space " + repetition + " space \"]\"");
                }

            case StringNode str:
                return VisitString(str, ruleName);
            case IntegerNode integer:
                return integer.Minimum is null && integer.Maximum is null
                    ? VisitPrimitive(ruleName, "integer")
                    : _rules.Add(ruleName, IntegerRangeRule.Build(integer.Minimum, integer.Maximum));
            case NumberNode:
                return VisitPrimitive(ruleName, "number");
            case BooleanNode:
                return VisitPrimitive(ruleName, "boolean");
            case NullNode:
                return VisitPrimitive(ruleName, "null");
            default:
                return _rules.Add(ruleName, AddPrimitive("value"));
        }
    }

    private string AddRule(string ruleName, string body, string path)
    {
        if (body == ruleName)
        {
            throw new SchemaGrammarException(path, "a $ref that refers only to itself matches no value");
        }

        return _rules.Add(ruleName, body);
    }

    private string VisitString(StringNode str, string ruleName)
    {
        if (str.Pattern is not null)
        {
            return VisitPattern(str, ruleName);
        }

        switch (str.Format)
        {
            case StringFormat.Uuid:
                return VisitPrimitive(ruleName, "uuid");
            case StringFormat.Date:
                return _rules.Add(ruleName, AddPrimitive("date-string"));
            case StringFormat.Time:
                return _rules.Add(ruleName, AddPrimitive("time-string"));
            case StringFormat.DateTime:
                return _rules.Add(ruleName, AddPrimitive("date-time-string"));
        }

        if (str.MinLength > 0 || str.MaxLength is not null)
        {
            var charRule = AddPrimitive("char");
            return _rules.Add(ruleName, "\"\\\"\" " + Repetition.Build(charRule, str.MinLength, str.MaxLength ?? int.MaxValue) + " \"\\\"\"");
        }

        return VisitPrimitive(ruleName, "string");
    }

    private string VisitPattern(StringNode str, string ruleName)
    {
        var snapshot = _rules.Snapshot();
        try
        {
            return PatternRule.Add(_rules, ruleName, str.Pattern!);
        }
        catch (UnsupportedPatternException e)
        {
            // As llama.cpp does: a valid pattern the grammar cannot express loosens to any string, with a warning.
            _rules.Restore(snapshot);
            _warnings.Add($"{str.PatternPath}: pattern {str.Pattern} is not supported ({e.Message}), accepting any string");
            return _rules.Add(ruleName, AddPrimitive("string"));
        }
        catch (InvalidPatternException e)
        {
            throw new SchemaGrammarException(str.PatternPath, $"invalid pattern {str.Pattern}: {e.Message}");
        }
    }

    private string VisitPrimitive(string ruleName, string type) =>
        AddPrimitive(ruleName == "root" ? "root" : type, PrimitiveRules.Primitives[type]);

    private string AddPrimitive(string name) => AddPrimitive(name, PrimitiveRules.Find(name));

    private string AddPrimitive(string name, BuiltinRule rule)
    {
        var added = _rules.Add(name, rule.Body);
        foreach (var dependency in rule.Dependencies)
        {
            if (!_rules.Contains(dependency))
            {
                AddPrimitive(dependency, PrimitiveRules.Find(dependency));
            }
        }

        return added;
    }

    private static string ConstantRule(System.Text.Json.JsonElement value) => GbnfText.Literal(GbnfText.CompactJson(value));

    private string ResolveRef(RefNode reference)
    {
        if (_refRules.TryGetValue(reference.Ref, out var known))
        {
            return known;
        }

        var fragment = reference.Ref[(reference.Ref.IndexOf('#', StringComparison.Ordinal) + 1)..];
        var reserved = _rules.Reserve("ref" + RuleSet.Sanitize(fragment));

        // Known before the target is visited, so a recursive $ref inside it refers back to this rule.
        _refRules[reference.Ref] = reserved;
        var name = Visit(_document.Refs[reference.Ref], reserved, RefPath(reference.Ref));
        _rules.Release(reserved);
        _refRules[reference.Ref] = name;
        return name;
    }

    private static string RefPath(string reference) => string.Join('.', reference.Split('/').Skip(1));

    private string VisitAllOf(AllOfNode allOf, string name, string ruleName, string path)
    {
        // Objects merge (properties of every part; those under an anyOf optional), enums intersect; the rest is
        // dropped, as llama.cpp does.
        var required = new HashSet<string>(StringComparer.Ordinal);
        var properties = new List<PropertyNode>();
        var enumCounts = new SortedDictionary<string, int>(StringComparer.Ordinal);

        void AddComponent(SchemaNode component, bool isRequired)
        {
            switch (component)
            {
                case RefNode reference:
                    AddComponent(_document.Refs[reference.Ref], isRequired);
                    break;
                case ObjectNode obj:
                    foreach (var property in obj.Properties)
                    {
                        properties.Add(property);
                        if (isRequired)
                        {
                            required.Add(property.Name);
                        }
                    }

                    break;
                case EnumNode enumeration:
                    foreach (var value in enumeration.Values)
                    {
                        var rule = ConstantRule(value);
                        enumCounts[rule] = enumCounts.GetValueOrDefault(rule) + 1;
                    }

                    break;
            }
        }

        foreach (var part in allOf.Parts)
        {
            if (part is AnyOfNode anyOf)
            {
                foreach (var alternative in anyOf.Alternatives)
                {
                    AddComponent(alternative, false);
                }
            }
            else
            {
                AddComponent(part, true);
            }
        }

        var intersection = enumCounts.Where(kv => kv.Value == allOf.Parts.Count).Select(kv => kv.Key).ToList();
        if (intersection.Count > 0)
        {
            return _rules.Add(ruleName, "(" + string.Join(" | ", intersection) + ")");
        }

        var merged = properties.Select(p => p with { Required = required.Contains(p.Name) }).ToList();
        return _rules.Add(ruleName, ObjectRule(merged, name, null, path));
    }

    private string ObjectRule(IReadOnlyList<PropertyNode> properties, string name, SchemaNode? additional, string path)
    {
        var requiredProps = new List<string>();
        var optionalProps = new List<string>();
        var kvRules = new Dictionary<string, string>(StringComparer.Ordinal);
        var propNames = new List<string>();
        foreach (var property in properties)
        {
            // An empty property name must not make the value's rule "root" (llama.cpp's converter does).
            var valueName = property.Name.Length == 0 && name.Length == 0 ? "empty-name" : SubName(name, property.Name);
            var valueRule = Visit(property.Schema, valueName, path);
            kvRules[property.Name] = _rules.Add(SubName(name, property.Name) + "-kv",
                GbnfText.Literal(JsonString(property.Name)) + " space \":\" space " + valueRule);
            (property.Required ? requiredProps : optionalProps).Add(property.Name);
            propNames.Add(property.Name);
        }

        // "*" stands for the additional properties: no property name is "*" here, it is never a key of kvRules.
        const string AdditionalKey = "\u0000*";
        if (additional is not null)
        {
            var subName = SubName(name, "additional");
            var valueRule = additional is AnyNode ? AddPrimitive("value") : Visit(additional, subName + "-value", path);
            var keyRule = propNames.Count == 0 ? AddPrimitive("string") : _rules.Add(subName + "-k", NotStrings(propNames));
            kvRules[AdditionalKey] = _rules.Add(subName + "-kv", keyRule + " \":\" space " + valueRule);
            optionalProps.Add(AdditionalKey);
        }

        if (requiredProps.Count == 0 && optionalProps.Count == 0)
        {
            return "\"{\" space \"}\"";
        }

        var rule = new StringBuilder("\"{\" space ");
        rule.AppendJoin(" \",\" space ", requiredProps.Select(p => kvRules[p]));
        if (optionalProps.Count > 0)
        {
            rule.Append(" (");
            if (requiredProps.Count > 0)
            {
                rule.Append(" \",\" space ( ");
            }

            string RecursiveRefs(IReadOnlyList<string> keys, bool firstIsOptional)
            {
                var key = keys[0];
                var isAdditional = key == AdditionalKey;
                var kvRule = kvRules[key];
                var commaRef = "( \",\" space " + kvRule + " )";
                var result = firstIsOptional
                    ? commaRef + (isAdditional ? "*" : "?")
                    : kvRule + (isAdditional ? " " + commaRef + "*" : "");
                if (keys.Count > 1)
                {
                    var restName = SubName(name, isAdditional ? "*" : key) + "-rest";
                    result += " " + _rules.Add(restName, RecursiveRefs(keys.Skip(1).ToList(), true));
                }

                return result;
            }

            for (var i = 0; i < optionalProps.Count; i++)
            {
                if (i > 0)
                {
                    rule.Append(" | ");
                }

                rule.Append(RecursiveRefs(optionalProps.Skip(i).ToList(), false));
            }

            if (requiredProps.Count > 0)
            {
                rule.Append(" )");
            }

            rule.Append(" )?");
        }

        return rule.Append(" space \"}\"").ToString();
    }

    private static string JsonString(string s)
    {
        var text = new StringBuilder();
        GbnfText.WriteString(s, text);
        return text.ToString();
    }

    /// <summary>
    /// A JSON string that is none of <paramref name="strings"/>, by walking their trie: at each node either a
    /// listed next character (then on down) or any other character (then anything).
    /// </summary>
    private string NotStrings(IReadOnlyList<string> strings)
    {
        var trie = new Trie();
        foreach (var s in strings)
        {
            trie.Insert(s);
        }

        var charRule = AddPrimitive("char");
        var text = new StringBuilder("[\"] ( ");

        void Walk(Trie.Node node)
        {
            var rejects = new StringBuilder();
            var first = true;
            foreach (var (codepoint, child) in node.Children)
            {
                var c = ClassChar(codepoint);
                rejects.Append(c);
                if (!first)
                {
                    text.Append(" | ");
                }

                first = false;
                text.Append('[').Append(c).Append(']');
                if (child.Children.Count > 0)
                {
                    text.Append(" (");
                    Walk(child);
                    text.Append(')');
                }
                else
                {
                    text.Append(' ').Append(charRule).Append('+');
                }
            }

            if (node.Children.Count > 0)
            {
                text.Append(" | [^\"").Append(rejects).Append("] ").Append(charRule).Append('*');
            }
        }

        Walk(trie.Root);
        text.Append(" )");
        if (!trie.Root.IsEnd)
        {
            text.Append('?');
        }

        return text.Append(" [\"]").ToString();
    }

    /// <summary>One character inside a GBNF character class, escaped where the class syntax would read it otherwise.</summary>
    private static string ClassChar(int codepoint) => codepoint switch
    {
        '\\' => "\\\\",
        ']' => "\\]",
        '-' => "\\-",
        '^' or '[' or < 0x20 => "\\x" + codepoint.ToString("X2", CultureInfo.InvariantCulture),
        _ => char.ConvertFromUtf32(codepoint),
    };

    private sealed class Trie
    {
        public Node Root { get; } = new();

        public void Insert(string word)
        {
            var node = Root;
            for (var i = 0; i < word.Length; i += char.IsSurrogatePair(word, i) ? 2 : 1)
            {
                var codepoint = char.ConvertToUtf32(word, i);
                if (!node.Children.TryGetValue(codepoint, out var child))
                {
                    child = new Node();
                    node.Children[codepoint] = child;
                }

                node = child;
            }

            node.IsEnd = true;
        }

        public sealed class Node
        {
            public SortedDictionary<int, Node> Children { get; } = [];

            public bool IsEnd { get; set; }
        }
    }
}
