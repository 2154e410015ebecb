using System.Text.Json;
using Locus.Core.Abstractions;
using Microsoft.Extensions.AI;

namespace Locus.Server.Protocol.Anthropic;

/// <summary>
/// Top-level Messages fields that only Anthropic's own models understand (extended thinking, context editing, effort,
/// metadata, service tier). They travel unchanged, as the client wrote them, in
/// <see cref="LocusChatOptions.AnthropicFields"/>: an Anthropic target sends them upstream; a local model, an OpenAI
/// target or a peer ignores them (see docs/anthropic.md). Only the shape is checked here.
/// </summary>
internal static class AnthropicPassthrough
{
    /// <summary>The fields passed on, with the JSON kind each must have.</summary>
    public static readonly IReadOnlyDictionary<string, JsonValueKind> Names = new Dictionary<string, JsonValueKind>
    {
        ["thinking"] = JsonValueKind.Object,
        ["context_management"] = JsonValueKind.Object,
        ["output_config"] = JsonValueKind.Object,
        ["metadata"] = JsonValueKind.Object,
        ["service_tier"] = JsonValueKind.String,
    };

    public static void Attach(JsonElement root, ChatOptions options)
    {
        Dictionary<string, JsonElement>? fields = null;
        foreach (var (name, kind) in Names)
        {
            if (!Fields.TryGet(root, name, out var value))
            {
                continue;
            }

            if (value.ValueKind != kind)
            {
                throw Fields.WrongType(name, kind == JsonValueKind.Object ? "an object" : "a string", value);
            }

            // Cloned: the request's document is disposed before the upstream request is written.
            (fields ??= new(StringComparer.Ordinal))[name] = value.Clone();
        }

        if (fields is not null)
        {
            (options.AdditionalProperties ??= [])[LocusChatOptions.AnthropicFields] = fields;
        }
    }

    /// <summary>The client's <c>anthropic-beta</c> header, which the passed-on beta fields need upstream.</summary>
    public static void AttachBeta(string? beta, ChatOptions options)
    {
        if (!string.IsNullOrWhiteSpace(beta))
        {
            (options.AdditionalProperties ??= [])[LocusChatOptions.AnthropicBeta] = beta;
        }
    }
}
