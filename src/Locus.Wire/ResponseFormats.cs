using Microsoft.Extensions.AI;

namespace Locus.Wire;

/// <summary>
/// What <see cref="ChatResponseFormat"/> cannot hold about a requested JSON schema output: OpenAI's
/// <c>json_schema.strict</c>, kept in <see cref="ChatOptions.AdditionalProperties"/> for the providers to send on.
/// </summary>
public static class ResponseFormats
{
    /// <summary>The key of <c>response_format.json_schema.strict</c> (a <see cref="bool"/>) in the options' additional properties.</summary>
    public const string StrictKey = "locus.response_format_strict";

    public static bool? Strict(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(StrictKey, out var value) == true && value is bool strict ? strict : null;
}
