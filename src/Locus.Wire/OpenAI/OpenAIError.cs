namespace Locus.Wire.OpenAI;

/// <summary>
/// OpenAI's error envelope, <c>{"error":{"message","type","param","code"}}</c> with nulls included: the body of every
/// failed OpenAI request, and the <c>data</c> of the event that ends a failed stream.
/// </summary>
/// <remarks>Upstreams vary the shape (a string error, a numeric code); the providers read errors loosely instead.</remarks>
public sealed class OpenAIErrorEnvelope
{
    public OpenAIError? Error { get; init; }
}

public sealed class OpenAIError
{
    public string? Message { get; init; }

    public string? Type { get; init; }

    public string? Param { get; init; }

    public string? Code { get; init; }
}
