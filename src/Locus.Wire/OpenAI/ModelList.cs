namespace Locus.Wire.OpenAI;

/// <summary>The body of <c>GET /v1/models</c>.</summary>
public sealed class ModelList
{
    public string Object { get; } = "list";

    public IReadOnlyList<ModelEntry>? Data { get; init; }
}

/// <summary>One model, and the body of <c>GET /v1/models/{id}</c>.</summary>
public sealed class ModelEntry
{
    public string? Id { get; init; }

    public string Object { get; } = "model";

    public long? Created { get; init; }

    public string? OwnedBy { get; init; }
}
