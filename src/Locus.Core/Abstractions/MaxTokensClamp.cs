using System.Globalization;
using Microsoft.Extensions.AI;

namespace Locus.Core.Abstractions;

/// <summary>
/// <c>max_tokens</c> lowered to the room the context had left after the prompt. Clients written for large cloud
/// models ask for 4,096 to 64,000 tokens as a matter of course; a local model with a smaller context grants what it
/// can instead of refusing the request, and says so: a backend reports the clamp in the
/// <see cref="ChatResponse.AdditionalProperties"/> of its answer (streaming: of its first update) under
/// <see cref="PropertyKey"/>, which the server turns into the <c>x-locus-max-tokens-clamped</c> header and the router
/// into the ledger row. An answer that uses the whole grant ends with finish reason <c>length</c>, as usual.
/// </summary>
public sealed record MaxTokensClamp(int Asked, int Granted)
{
    public const string PropertyKey = "locus.max_tokens_clamp";

    /// <summary>The clamp for <paramref name="asked"/> with <paramref name="promptTokens"/> in a context of
    /// <paramref name="contextLength"/>, or null when the request fits as asked (or asks for no limit). The caller has
    /// checked that the prompt itself fits (leaves at least one token of room).</summary>
    public static MaxTokensClamp? For(int? asked, int promptTokens, int contextLength)
    {
        var room = contextLength - promptTokens;
        return asked is { } max && max > room && room > 0 ? new MaxTokensClamp(max, room) : null;
    }

    /// <summary>The clamp a backend reported in <paramref name="properties"/>, or null.</summary>
    public static MaxTokensClamp? From(AdditionalPropertiesDictionary? properties) =>
        properties is not null && properties.TryGetValue(PropertyKey, out var value) ? value as MaxTokensClamp : null;

    /// <summary>How the header shows it: <c>asked-&gt;granted</c>, e.g. <c>64000-&gt;448</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Asked}->{Granted}");
}
