using System.Text.Json;

namespace Locus.Grammar;

/// <summary>
/// A schema reduced to what the converter acts on (llama.cpp's common_chat_schema has the same shape), so that the
/// reading (validation, paths for errors) and the writing (rule naming) stay apart.
/// </summary>
internal abstract record SchemaNode;

/// <summary>Any JSON value: the empty schema, <c>true</c>, or a schema of annotations only.</summary>
internal sealed record AnyNode : SchemaNode;

/// <summary>A <c>$ref</c> into the same document, by its JSON pointer (<c>#/$defs/Foo</c>).</summary>
internal sealed record RefNode(string Ref) : SchemaNode;

/// <summary><c>anyOf</c>, <c>oneOf</c>, or a <c>type</c> array expanded to one alternative per type.</summary>
internal sealed record AnyOfNode(IReadOnlyList<SchemaNode> Alternatives) : SchemaNode;

internal sealed record AllOfNode(IReadOnlyList<SchemaNode> Parts) : SchemaNode;

internal sealed record ConstNode(JsonElement Value) : SchemaNode;

internal sealed record EnumNode(IReadOnlyList<JsonElement> Values) : SchemaNode;

internal sealed record NullNode : SchemaNode;

internal sealed record BooleanNode : SchemaNode;

internal sealed record NumberNode : SchemaNode;

/// <summary>Inclusive bounds, exclusive ones folded in; null where unbounded.</summary>
internal sealed record IntegerNode(long? Minimum, long? Maximum) : SchemaNode;

internal enum StringFormat
{
    None,
    Uuid,
    Date,
    Time,
    DateTime,
}

/// <summary>A string; <see cref="Pattern"/> is null when absent, <see cref="MaxLength"/> null when unbounded.</summary>
internal sealed record StringNode(string? Pattern, string PatternPath, StringFormat Format, int MinLength, int? MaxLength)
    : SchemaNode;

internal sealed record ArrayNode(SchemaNode Items, int MinItems, int? MaxItems) : SchemaNode;

/// <summary>A fixed-length array, one schema per position (<c>prefixItems</c>, or <c>items</c> as an array).</summary>
internal sealed record TupleNode(IReadOnlyList<SchemaNode> Items) : SchemaNode;

internal sealed record PropertyNode(string Name, SchemaNode Schema, bool Required);

/// <summary>An object; <see cref="AdditionalProperties"/> is null when no other property is allowed.</summary>
internal sealed record ObjectNode(IReadOnlyList<PropertyNode> Properties, SchemaNode? AdditionalProperties) : SchemaNode;

/// <summary>A whole schema: its root, and the target of every <c>$ref</c> reached from it.</summary>
internal sealed record SchemaDocument(SchemaNode Root, IReadOnlyDictionary<string, SchemaNode> Refs, IReadOnlyList<string> Warnings);
