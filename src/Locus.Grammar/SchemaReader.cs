using System.Globalization;
using System.Text.Json;

namespace Locus.Grammar;

/// <summary>
/// Reads a JSON schema into <see cref="SchemaNode"/>s with llama.cpp's precedence (json-schema.cpp): <c>$ref</c>,
/// then <c>oneOf</c>/<c>anyOf</c>, then a <c>type</c> array, <c>const</c>, <c>enum</c>, and finally the type or, without
/// one, the structural keywords. Every error names the schema path it is at.
/// </summary>
internal sealed class SchemaReader
{
    // Keywords that constrain a value but have no grammar equivalent here: the grammar is looser than the schema.
    private static readonly string[] UnenforcedKeywords =
    [
        "not", "if", "then", "else", "uniqueItems", "contains", "minContains", "maxContains", "minProperties",
        "maxProperties", "patternProperties", "propertyNames", "dependentRequired", "dependentSchemas", "dependencies",
        "unevaluatedProperties", "unevaluatedItems", "multipleOf",
    ];

    private static readonly string[] NumberBounds = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"];

    private readonly JsonElement _root;
    private readonly Dictionary<string, SchemaNode?> _refs = new(StringComparer.Ordinal);
    private readonly List<string> _warnings = [];

    private SchemaReader(JsonElement root)
    {
        _root = root;
    }

    public static SchemaDocument Read(JsonElement schema)
    {
        var reader = new SchemaReader(schema);
        var root = reader.ReadNode(schema, "");
        var refs = reader._refs.ToDictionary(kv => kv.Key, kv => kv.Value!, StringComparer.Ordinal);
        return new SchemaDocument(root, refs, reader._warnings);
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    private static SchemaGrammarException Fail(string path, string message) => new(path, message);

    private SchemaNode ReadNode(JsonElement schema, string path)
    {
        if (schema.ValueKind == JsonValueKind.True)
        {
            return new AnyNode();
        }

        if (schema.ValueKind == JsonValueKind.False)
        {
            throw Fail(path, "the schema false accepts no value, so no grammar can produce one");
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw Fail(path, $"a schema must be an object or a boolean, not {Describe(schema)}");
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            return ReadRef(reference, Join(path, "$ref"));
        }

        foreach (var key in (string[])["oneOf", "anyOf"])
        {
            if (schema.TryGetProperty(key, out var alternatives))
            {
                return new AnyOfNode(ReadAlternatives(alternatives, Join(path, key)));
            }
        }

        WarnUnenforced(schema, path);
        schema.TryGetProperty("type", out var type);
        if (type.ValueKind == JsonValueKind.Array)
        {
            return ReadTypeArray(schema, type, path);
        }

        if (schema.TryGetProperty("const", out var constant))
        {
            return new ConstNode(constant.Clone());
        }

        if (schema.TryGetProperty("enum", out var values))
        {
            if (values.ValueKind != JsonValueKind.Array || values.GetArrayLength() == 0)
            {
                throw Fail(Join(path, "enum"), "enum must be a non-empty array");
            }

            return new EnumNode([.. values.EnumerateArray().Select(v => v.Clone())]);
        }

        if (type.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.String))
        {
            throw Fail(Join(path, "type"), $"type must be a string or an array of strings, not {Describe(type)}");
        }

        return type.ValueKind == JsonValueKind.String ? ReadTyped(schema, type.GetString()!, path, Join(path, "type")) : ReadUntyped(schema, path);
    }

    private AnyOfNode ReadTypeArray(JsonElement schema, JsonElement type, string path)
    {
        // {"type": ["a", "b"], ...} is {"anyOf": [{"type": "a", ...}, {"type": "b", ...}]}.
        if (type.GetArrayLength() == 0)
        {
            throw Fail(Join(path, "type"), "type must not be an empty array");
        }

        var alternatives = new List<SchemaNode>();
        var i = 0;
        foreach (var t in type.EnumerateArray())
        {
            var itemPath = Join(Join(path, "type"), i.ToString(CultureInfo.InvariantCulture));
            if (t.ValueKind != JsonValueKind.String)
            {
                throw Fail(itemPath, $"type must be a string or an array of strings, not {Describe(t)}");
            }

            // The other keywords stay with every alternative; a const or enum (read before the type) wins in each.
            if (schema.TryGetProperty("const", out var constant))
            {
                alternatives.Add(new ConstNode(constant.Clone()));
            }
            else if (schema.TryGetProperty("enum", out _))
            {
                alternatives.Add(ReadEnumOnly(schema, path));
            }
            else
            {
                alternatives.Add(ReadTyped(schema, t.GetString()!, path, itemPath));
            }

            i++;
        }

        return new AnyOfNode(alternatives);
    }

    private static EnumNode ReadEnumOnly(JsonElement schema, string path)
    {
        var values = schema.GetProperty("enum");
        if (values.ValueKind != JsonValueKind.Array || values.GetArrayLength() == 0)
        {
            throw Fail(Join(path, "enum"), "enum must be a non-empty array");
        }

        return new EnumNode([.. values.EnumerateArray().Select(v => v.Clone())]);
    }

    private SchemaNode ReadUntyped(JsonElement schema, string path)
    {
        // Without a type the structural keywords decide, in llama.cpp's order.
        if (HasProperties(schema))
        {
            return ReadObject(schema, path);
        }

        if (schema.TryGetProperty("allOf", out var allOf))
        {
            return new AllOfNode(ReadAlternatives(allOf, Join(path, "allOf")));
        }

        if (Has(schema, "items") || Has(schema, "prefixItems"))
        {
            return ReadArray(schema, path);
        }

        if (Has(schema, "pattern") || Has(schema, "minLength") || Has(schema, "maxLength") || ReadFormat(schema, path) != StringFormat.None)
        {
            return ReadString(schema, path);
        }

        return new AnyNode();
    }

    /// <summary>The schema at <paramref name="path"/> as a <paramref name="type"/>; typePath names the type itself.</summary>
    private SchemaNode ReadTyped(JsonElement schema, string type, string path, string typePath)
    {
        switch (type)
        {
            case "object":
                if (!HasProperties(schema) && schema.TryGetProperty("allOf", out var objectParts))
                {
                    return new AllOfNode(ReadAlternatives(objectParts, Join(path, "allOf")));
                }

                return ReadObject(schema, path);
            case "string":
                if (schema.TryGetProperty("allOf", out var stringParts))
                {
                    return new AllOfNode(ReadAlternatives(stringParts, Join(path, "allOf")));
                }

                return ReadString(schema, path);
            case "array":
                return ReadArray(schema, path);
            case "integer":
                return ReadInteger(schema, path);
            case "number":
                foreach (var bound in NumberBounds.Where(b => Has(schema, b)))
                {
                    _warnings.Add($"{Join(path, bound)}: bounds on a number are not enforced by the grammar");
                }

                return new NumberNode();
            case "boolean":
                return new BooleanNode();
            case "null":
                return new NullNode();
            default:
                throw Fail(typePath, $"unrecognized type '{type}' (expected object, array, string, number, integer, boolean or null)");
        }
    }

    private RefNode ReadRef(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw Fail(path, $"$ref must be a string, not {Describe(value)}");
        }

        var reference = value.GetString()!;
        if (reference != "#" && !reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw Fail(path, $"unsupported $ref '{reference}': only references into the same schema (#/...) are supported");
        }

        if (!_refs.ContainsKey(reference))
        {
            // Reserve the key first, so that a cycle back to this $ref stops here.
            _refs[reference] = null;
            _refs[reference] = ReadNode(Resolve(reference, path), RefPath(reference));
        }

        return new RefNode(reference);
    }

    /// <summary>The dotted schema path of a JSON pointer: <c>#/$defs/Foo</c> is <c>$defs.Foo</c>.</summary>
    private static string RefPath(string reference) =>
        string.Join('.', reference.Split('/').Skip(1).Select(UnescapePointer));

    private static string UnescapePointer(string token) => token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    private JsonElement Resolve(string reference, string path)
    {
        var target = _root;
        foreach (var token in reference.Split('/').Skip(1).Select(UnescapePointer))
        {
            if (target.ValueKind == JsonValueKind.Object && target.TryGetProperty(token, out var child))
            {
                target = child;
            }
            else if (target.ValueKind == JsonValueKind.Array && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && index < target.GetArrayLength())
            {
                target = target[index];
            }
            else
            {
                throw Fail(path, $"cannot resolve $ref '{reference}': '{token}' not found");
            }
        }

        return target;
    }

    private List<SchemaNode> ReadAlternatives(JsonElement alternatives, string path)
    {
        if (alternatives.ValueKind != JsonValueKind.Array)
        {
            throw Fail(path, $"must be an array of schemas, not {Describe(alternatives)}");
        }

        if (alternatives.GetArrayLength() == 0)
        {
            throw Fail(path, "must not be an empty array");
        }

        return [.. alternatives.EnumerateArray().Select((alternative, i) => ReadNode(alternative, Join(path, i.ToString(CultureInfo.InvariantCulture))))];
    }

    private ObjectNode ReadObject(JsonElement schema, string path)
    {
        var required = new HashSet<string>(StringComparer.Ordinal);
        if (schema.TryGetProperty("required", out var requiredNames))
        {
            if (requiredNames.ValueKind != JsonValueKind.Array || requiredNames.EnumerateArray().Any(n => n.ValueKind != JsonValueKind.String))
            {
                throw Fail(Join(path, "required"), "required must be an array of property names");
            }

            required.UnionWith(requiredNames.EnumerateArray().Select(n => n.GetString()!));
        }

        var properties = new List<PropertyNode>();
        var hasProperties = schema.TryGetProperty("properties", out var propertySchemas);
        if (hasProperties)
        {
            if (propertySchemas.ValueKind != JsonValueKind.Object)
            {
                throw Fail(Join(path, "properties"), $"properties must be an object, not {Describe(propertySchemas)}");
            }

            foreach (var property in propertySchemas.EnumerateObject())
            {
                var node = ReadNode(property.Value, Join(Join(path, "properties"), property.Name));
                properties.Add(new PropertyNode(property.Name, node, required.Contains(property.Name)));
            }
        }

        foreach (var name in required.Where(n => properties.All(p => p.Name != n)))
        {
            // llama.cpp drops these silently; a required property the grammar cannot produce would make every
            // generated object invalid, so say so instead.
            throw Fail(Join(path, "required"), $"required property '{name}' is not among the properties");
        }

        SchemaNode? additional = null;
        if (schema.TryGetProperty("additionalProperties", out var additionalSchema))
        {
            additional = additionalSchema.ValueKind switch
            {
                JsonValueKind.True => new AnyNode(),
                JsonValueKind.False => null,
                JsonValueKind.Object => ReadNode(additionalSchema, Join(path, "additionalProperties")),
                _ => throw Fail(Join(path, "additionalProperties"), $"additionalProperties must be a boolean or a schema, not {Describe(additionalSchema)}"),
            };
        }
        else if (!hasProperties)
        {
            // {"type": "object"} on its own accepts any object.
            additional = new AnyNode();
        }

        return new ObjectNode(properties, additional);
    }

    private SchemaNode ReadArray(JsonElement schema, string path)
    {
        // "items" wins over "prefixItems"; an array under either is a tuple (the pre-2020-12 form of prefixItems).
        var key = Has(schema, "items") ? "items" : Has(schema, "prefixItems") ? "prefixItems" : null;
        if (key is not null)
        {
            var items = schema.GetProperty(key);
            var itemsPath = Join(path, key);
            if (items.ValueKind == JsonValueKind.Array)
            {
                return new TupleNode([.. items.EnumerateArray().Select((item, i) => ReadNode(item, Join(itemsPath, i.ToString(CultureInfo.InvariantCulture))))]);
            }
        }

        var itemNode = key is null ? new AnyNode() : ReadNode(schema.GetProperty(key), Join(path, key));
        var minItems = ReadCount(schema, "minItems", path) ?? 0;
        var maxItems = ReadCount(schema, "maxItems", path);
        if (minItems > maxItems)
        {
            throw Fail(Join(path, "minItems"), $"minItems {minItems} is greater than maxItems {maxItems}: no array satisfies both");
        }

        return new ArrayNode(itemNode, minItems, maxItems);
    }

    private StringNode ReadString(JsonElement schema, string path)
    {
        string? pattern = null;
        if (schema.TryGetProperty("pattern", out var patternValue))
        {
            if (patternValue.ValueKind != JsonValueKind.String)
            {
                throw Fail(Join(path, "pattern"), $"pattern must be a string, not {Describe(patternValue)}");
            }

            pattern = patternValue.GetString();
        }

        var minLength = ReadCount(schema, "minLength", path) ?? 0;
        var maxLength = ReadCount(schema, "maxLength", path);
        if (minLength > maxLength)
        {
            throw Fail(Join(path, "minLength"), $"minLength {minLength} is greater than maxLength {maxLength}: no string satisfies both");
        }

        return new StringNode(pattern, Join(path, "pattern"), ReadFormat(schema, path), minLength, maxLength);
    }

    private static IntegerNode ReadInteger(JsonElement schema, string path)
    {
        long? minimum = null, maximum = null;
        if (Has(schema, "minimum"))
        {
            minimum = ReadBound(schema, "minimum", path, roundUp: true);
        }
        else if (Has(schema, "exclusiveMinimum"))
        {
            minimum = Step(ReadBound(schema, "exclusiveMinimum", path, roundUp: false), +1, Join(path, "exclusiveMinimum"));
        }

        if (Has(schema, "maximum"))
        {
            maximum = ReadBound(schema, "maximum", path, roundUp: false);
        }
        else if (Has(schema, "exclusiveMaximum"))
        {
            maximum = Step(ReadBound(schema, "exclusiveMaximum", path, roundUp: true), -1, Join(path, "exclusiveMaximum"));
        }

        if (minimum > maximum)
        {
            throw Fail(path, $"the lower bound {minimum} is greater than the upper bound {maximum}: no integer satisfies both");
        }

        return new IntegerNode(minimum, maximum);
    }

    private static long Step(long bound, int delta, string path)
    {
        if ((delta > 0 && bound == long.MaxValue) || (delta < 0 && bound == long.MinValue))
        {
            throw Fail(path, "the bound is outside the 64-bit integer range");
        }

        return bound + delta;
    }

    // A fractional bound is rounded inwards, towards the integers it still admits.
    private static long ReadBound(JsonElement schema, string key, string path, bool roundUp)
    {
        var value = schema.GetProperty(key);
        if (value.ValueKind != JsonValueKind.Number)
        {
            throw Fail(Join(path, key), $"{key} must be a number, not {Describe(value)}");
        }

        if (value.TryGetInt64(out var integer))
        {
            return integer;
        }

        var rounded = roundUp ? Math.Ceiling(value.GetDouble()) : Math.Floor(value.GetDouble());
        if (rounded is < -9.2e18 or > 9.2e18)
        {
            throw Fail(Join(path, key), $"{key} {value.GetRawText()} is outside the 64-bit integer range this converter supports");
        }

        return (long)rounded;
    }

    private static int? ReadCount(JsonElement schema, string key, string path)
    {
        if (!schema.TryGetProperty(key, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number) || number != decimal.Truncate(number)
            || number < 0 || number > int.MaxValue)
        {
            throw Fail(Join(path, key), $"{key} must be a non-negative integer, not {value.GetRawText()}");
        }

        return (int)number;
    }

    private StringFormat ReadFormat(JsonElement schema, string path)
    {
        if (!schema.TryGetProperty("format", out var value))
        {
            return StringFormat.None;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw Fail(Join(path, "format"), $"format must be a string, not {Describe(value)}");
        }

        var format = value.GetString()!;
        switch (format)
        {
            case "date":
                return StringFormat.Date;
            case "time":
                return StringFormat.Time;
            case "date-time":
                return StringFormat.DateTime;
            case "uuid" or "uuid1" or "uuid2" or "uuid3" or "uuid4" or "uuid5":
                return StringFormat.Uuid;
            default:
                _warnings.Add($"{Join(path, "format")}: format '{format}' is not enforced by the grammar");
                return StringFormat.None;
        }
    }

    private void WarnUnenforced(JsonElement schema, string path)
    {
        foreach (var keyword in UnenforcedKeywords.Where(k => Has(schema, k)))
        {
            _warnings.Add($"{Join(path, keyword)}: {keyword} is not enforced by the grammar");
        }
    }

    private static bool HasProperties(JsonElement schema) =>
        Has(schema, "properties")
        || (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind != JsonValueKind.True);

    private static bool Has(JsonElement schema, string key) => schema.TryGetProperty(key, out _);

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
