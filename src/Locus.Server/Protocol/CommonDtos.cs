namespace Locus.Server.Protocol;

internal sealed record Usage(long PromptTokens, long CompletionTokens, long TotalTokens);

internal sealed class ModelList
{
    public string Object { get; } = "list";

    public required IReadOnlyList<ModelEntry> Data { get; init; }
}

internal sealed class ModelEntry
{
    public required string Id { get; init; }

    public string Object { get; } = "model";

    public required long Created { get; init; }

    public required string OwnedBy { get; init; }
}

internal sealed record HealthStatus(string Status, IReadOnlyList<string> Models);

/// <summary>OpenAI's error envelope: <c>{"error":{"message","type","param","code"}}</c>, nulls included.</summary>
internal sealed record ErrorEnvelope(ErrorBody Error);

internal sealed record ErrorBody(string Message, string Type, string? Param, string? Code);
