using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace Locus.Testing;

/// <summary>A random JSON schema and one instance that is valid against it.</summary>
public sealed record RandomSchema(string Schema, string Instance);

/// <summary>
/// An FsCheck generator of JSON schemas of the kind tools and structured output use (nested objects with required
/// subsets, enums, consts, arrays with bounds, tuples, anyOf, string lengths, formats and patterns, integer bounds,
/// $defs with $refs, one of them recursive), each with a valid instance. Instances list an object's required properties
/// first and then its optional ones, each in schema order, and fill every tuple position: the form llama.cpp's
/// grammars (and ours) let a model produce.
/// </summary>
public static class RandomSchemas
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Property names include built-in rule names (number, string, root) and characters rule names cannot hold.
    private static readonly string[] PropertyNames =
        ["id", "name", "value", "number", "string", "root", "city name", "x-y", "ünï", "q\"uote", "items", "kind", "a.b"];

    private static readonly string[] EnumPool =
        ["\"red\"", "\"green\"", "\"a b\"", "1", "-2", "null", "true", "[1]", "{\"k\":\"v\"}", "\"é\""];

    private static readonly string[] Letters = ["a", "b", "z", "é", " ", "\"", "\\", "\n", "-"];

    /// <summary>Random schemas with a valid instance each.</summary>
    public static Gen<RandomSchema> Generator { get; } =
        from defs in Definitions()
        from body in Gen.Frequency((3, ObjectNode(2, defs)), (1, AnyNode(2, defs)))
        from instance in body.Instance
        select new RandomSchema(Finish(body.Schema, defs), instance);

    /// <summary><paramref name="count"/> schemas, the same for the same <paramref name="seed"/>.</summary>
    public static IReadOnlyList<RandomSchema> Sample(int count, ulong seed = 15) =>
        // FsCheck's Fluent Sample takes the number of samples first, then the seed, then the size.
        [.. Generator.Sample(count, new Rnd(seed), 10)];

    private sealed record Node(JsonObject Schema, Gen<string> Instance);

    private sealed record Definition(string Name, Node Node);

    private static string Finish(JsonObject body, IReadOnlyList<Definition> defs)
    {
        var root = (JsonObject)body.DeepClone();
        if (defs.Count > 0)
        {
            var definitions = new JsonObject();
            foreach (var def in defs)
            {
                definitions[def.Name] = def.Node.Schema.DeepClone();
            }

            root["$defs"] = definitions;
        }

        return root.ToJsonString();
    }

    private static Gen<List<Definition>> Definitions() =>
        from count in Gen.Choose(0, 2)
        from nodes in AnyNode(1, []).ListOf(count)
        from recursive in Gen.Elements(false, true)
        select nodes.Select((n, i) => new Definition("d" + i.ToString(CultureInfo.InvariantCulture), n))
            .Concat(recursive ? [new Definition("list", LinkedList())] : [])
            .ToList();

    /// <summary>A linked list of integers: the $ref back to itself makes the grammar recursive.</summary>
    private static Node LinkedList()
    {
        var schema = Json("""
            {"type":"object","properties":{"value":{"type":"integer"},"next":{"$ref":"#/$defs/list"}},"required":["value"],"additionalProperties":false}
            """);
        var instance =
            from length in Gen.Choose(1, 3)
            from values in Gen.Choose(-50, 50).ListOf(length)
            select values.AsEnumerable().Reverse().Aggregate("", (next, v) =>
                "{\"value\":" + v.ToString(CultureInfo.InvariantCulture) + (next.Length == 0 ? "" : ",\"next\":" + next) + "}");
        return new Node(schema, instance);
    }

    private static Gen<Node> AnyNode(int depth, IReadOnlyList<Definition> defs)
    {
        var choices = new List<(int, Gen<Node>)>
        {
            (3, StringNode()), (3, IntegerNode()), (1, NumberNode()), (1, Fixed("""{"type":"boolean"}""", "true", "false")),
            (1, Fixed("""{"type":"null"}""", "null")), (2, EnumNode()), (1, ConstNode()), (1, FormatNode()), (1, PatternNode()),
            (1, Fixed("""{"type":["string","null"],"maxLength":3}""", "null", "\"ab\"")), (1, Fixed("{}", "1", "\"x\"", "{\"a\":[null]}")),
        };
        if (depth > 0)
        {
            choices.Add((3, ObjectNode(depth - 1, defs)));
            choices.Add((2, ArrayNode(depth - 1, defs)));
            choices.Add((1, TupleNode(depth - 1, defs)));
            choices.Add((2, AnyOfNode(depth - 1, defs)));
        }

        if (defs.Count > 0)
        {
            choices.Add((2, Gen.Elements(defs.ToArray()).Select(d =>
                new Node(new JsonObject { ["$ref"] = "#/$defs/" + d.Name }, d.Node.Instance))));
        }

        return Gen.Frequency(choices.ToArray());
    }

    private static Gen<Node> Fixed(string schema, params string[] instances) =>
        Gen.Constant(new Node(Json(schema), Gen.Elements(instances)));

    private static Gen<Node> StringNode() =>
        from min in Gen.Choose(0, 3)
        from extra in Gen.Choose(0, 5)
        from kind in Gen.Choose(0, 3)
        let hasMin = kind is 1 or 3
        let hasMax = kind is 2 or 3
        let schema = new JsonObject { ["type"] = "string" }
        let lo = hasMin ? min : 0
        let hi = hasMax ? lo + extra : lo + 4
        select new Node(
            With(With(schema, "minLength", hasMin ? min : null), "maxLength", hasMax ? lo + extra : null),
            from length in Gen.Choose(lo, hi)
            from chars in Gen.Elements(Letters).ListOf(length)
            select JsonSerializer.Serialize(string.Concat(chars), Relaxed));

    private static Gen<Node> IntegerNode() =>
        from kind in Gen.Choose(0, 5)
        from a in Gen.Choose(-1000, 1000)
        from span in Gen.Choose(0, 2000)
        let schema = kind switch
        {
            0 => new JsonObject { ["type"] = "integer" },
            1 => new JsonObject { ["type"] = "integer", ["minimum"] = a },
            2 => new JsonObject { ["type"] = "integer", ["maximum"] = a },
            3 => new JsonObject { ["type"] = "integer", ["minimum"] = a, ["maximum"] = a + span },
            4 => new JsonObject { ["type"] = "integer", ["exclusiveMinimum"] = a, ["exclusiveMaximum"] = a + span + 2 },
            _ => new JsonObject { ["type"] = "integer", ["minimum"] = a, ["exclusiveMaximum"] = a + span + 1 },
        }
        let lo = kind switch { 0 or 2 => a - 3000, 4 => a + 1, _ => a }
        let hi = kind switch { 0 or 1 => a + 3000, 2 => a, _ => a + span }
        select new Node(schema, Gen.Choose(lo, hi).Select(v => v.ToString(CultureInfo.InvariantCulture)));

    private static Gen<Node> NumberNode() =>
        Gen.Constant(new Node(Json("""{"type":"number"}"""), Gen.Elements("0", "-1.5", "3.25e2", "42", "1E-3")));

    private static Gen<Node> EnumNode() =>
        from values in Gen.Shuffle(EnumPool)
        from count in Gen.Choose(1, 4)
        let chosen = values.Take(count).ToArray()
        select new Node(new JsonObject { ["enum"] = new JsonArray([.. chosen.Select(v => JsonNode.Parse(v))]) }, Gen.Elements(chosen));

    private static Gen<Node> ConstNode() =>
        Gen.Elements(EnumPool).Select(v => new Node(new JsonObject { ["const"] = JsonNode.Parse(v) }, Gen.Constant(v)));

    private static Gen<Node> FormatNode() => Gen.OneOf(
        Fixed("""{"type":"string","format":"date"}""", "\"2024-02-29\"", "\"1999-12-31\""),
        Fixed("""{"type":"string","format":"time"}""", "\"12:34:56Z\"", "\"23:59:59.123+02:00\""),
        Fixed("""{"type":"string","format":"date-time"}""", "\"2024-01-02T03:04:05Z\""),
        Fixed("""{"type":"string","format":"uuid"}""", "\"123e4567-e89b-12d3-a456-426614174000\""));

    private static Gen<Node> PatternNode() => Gen.OneOf(
        Gen.Constant(new Node(Json("""{"type":"string","pattern":"^[a-z]{2,4}$"}"""),
            from n in Gen.Choose(2, 4)
            from cs in Gen.Elements("a", "k", "z").ListOf(n)
            select "\"" + string.Concat(cs) + "\"")),
        Fixed("""{"type":"string","pattern":"^[0-9]{3}-[0-9]{4}$"}""", "\"555-0199\"", "\"000-0000\""),
        Fixed("""{"type":"string","pattern":"^(yes|no)(!)?$"}""", "\"yes\"", "\"no!\""));

    private static Gen<Node> ObjectNode(int depth, IReadOnlyList<Definition> defs) =>
        from count in Gen.Choose(0, 4)
        from names in Gen.Shuffle(PropertyNames)
        from children in AnyNode(depth, defs).ListOf(count)
        from required in Gen.Elements(false, true).ListOf(count)
        from additional in Gen.Elements<bool?>(false, false, null, true)
        let props = names.Take(count).Select((name, i) => (Name: name, Node: children[i], Required: required[i])).ToList()
        select new Node(ObjectSchema(props, additional), ObjectInstance(props));

    private static JsonObject ObjectSchema(List<(string Name, Node Node, bool Required)> props, bool? additional)
    {
        var properties = new JsonObject();
        foreach (var p in props)
        {
            properties[p.Name] = p.Node.Schema.DeepClone();
        }

        var schema = new JsonObject { ["type"] = "object" };
        if (props.Count > 0 || additional is not null)
        {
            schema["properties"] = properties;
        }

        if (props.Any(p => p.Required))
        {
            schema["required"] = new JsonArray([.. props.Where(p => p.Required).Select(p => (JsonNode)p.Name)]);
        }

        if (additional is { } allowed)
        {
            schema["additionalProperties"] = allowed;
        }

        return schema;
    }

    private static Gen<string> ObjectInstance(List<(string Name, Node Node, bool Required)> props)
    {
        var members = props.OrderBy(p => p.Required ? 0 : 1).Select(p =>
            from include in p.Required ? Gen.Constant(true) : Gen.Elements(false, true)
            from value in p.Node.Instance
            select include ? JsonSerializer.Serialize(p.Name, Relaxed) + ":" + value : null);
        return Gen.CollectToList(members).Select(m => "{" + string.Join(",", m.Where(x => x is not null)) + "}");
    }

    private static Gen<Node> ArrayNode(int depth, IReadOnlyList<Definition> defs) =>
        from item in AnyNode(depth, defs)
        from min in Gen.Choose(0, 2)
        from extra in Gen.Choose(0, 3)
        from bounded in Gen.Elements(false, true)
        let max = min + extra
        let schema = With(With(new JsonObject { ["type"] = "array", ["items"] = item.Schema.DeepClone() }, "minItems", min > 0 ? min : null), "maxItems", bounded ? max : null)
        select new Node(schema,
            from n in Gen.Choose(min, bounded ? max : min + 2)
            from items in item.Instance.ListOf(n)
            select "[" + string.Join(",", items) + "]");

    private static Gen<Node> TupleNode(int depth, IReadOnlyList<Definition> defs) =>
        from count in Gen.Choose(1, 3)
        from items in AnyNode(depth, defs).ListOf(count)
        select new Node(
            new JsonObject { ["type"] = "array", ["prefixItems"] = new JsonArray([.. items.Select(i => i.Schema.DeepClone())]) },
            Gen.CollectToList(items.Select(i => i.Instance)).Select(values => "[" + string.Join(",", values) + "]"));

    private static Gen<Node> AnyOfNode(int depth, IReadOnlyList<Definition> defs) =>
        from count in Gen.Choose(2, 3)
        from alternatives in AnyNode(depth, defs).ListOf(count)
        select new Node(
            new JsonObject { ["anyOf"] = new JsonArray([.. alternatives.Select(a => a.Schema.DeepClone())]) },
            Gen.Elements(alternatives.ToArray()).SelectMany(a => a.Instance));

    private static JsonObject With(JsonObject schema, string key, int? value)
    {
        if (value is { } v)
        {
            schema[key] = v;
        }

        return schema;
    }

    private static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();
}
