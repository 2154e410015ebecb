using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Locus.Server.Protocol;

/// <summary>
/// <c>metadata.locus_memory</c> in an OpenAI chat request: the body's spelling of the <c>x-locus-memory</c> header, for
/// SDKs that cannot set headers per call (OpenAI's <c>metadata</c> is a map of strings). Carried to the route ticket in
/// the options under <see cref="OptionsKey"/>, which the ticket removes before any target sees the options.
/// </summary>
internal static class MemoryField
{
    public const string OptionsKey = "locus.memory_request";

    public static void Read(JsonElement root, ChatOptions options)
    {
        if (!Fields.TryGet(root, "metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (Fields.OptionalString(metadata, "locus_memory", "metadata.locus_memory") is { } text)
        {
            (options.AdditionalProperties ??= [])[OptionsKey] = text;
        }
    }

    /// <summary>The body's value, taken out of <paramref name="options"/>; null when the request sent none.</summary>
    public static string? Take(ChatOptions options)
    {
        if (options.AdditionalProperties is not { } extra || !extra.TryGetValue(OptionsKey, out var value))
        {
            return null;
        }

        extra.Remove(OptionsKey);
        if (extra.Count == 0)
        {
            options.AdditionalProperties = null;
        }

        return value as string;
    }
}
