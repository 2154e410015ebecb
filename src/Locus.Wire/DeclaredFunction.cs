using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Locus.Wire;

/// <summary>
/// A function tool as a client declared it: name, description, the parameter schema exactly as received, and OpenAI's
/// <c>strict</c> (Anthropic's tools take it too), which Microsoft.Extensions.AI has no member for. Upstreams get it back
/// unchanged; see <see cref="ToolSchemas.Strict"/>.
/// </summary>
public sealed class DeclaredFunction : AIFunctionDeclaration
{
    private readonly IReadOnlyDictionary<string, object?> properties;

    public DeclaredFunction(string name, string? description, JsonElement schema, bool? strict)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Description = description ?? "";
        JsonSchema = schema;
        Strict = strict;
        properties = strict is { } s ? new Dictionary<string, object?> { [ToolSchemas.StrictKey] = s } : new Dictionary<string, object?>();
    }

    public override string Name { get; }

    public override string Description { get; }

    public override JsonElement JsonSchema { get; }

    /// <summary>The client's <c>strict</c>; null when it sent none.</summary>
    public bool? Strict { get; }

    public override IReadOnlyDictionary<string, object?> AdditionalProperties => properties;
}
