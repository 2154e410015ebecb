using Locus.Core.Abstractions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;

namespace Locus.Server.Routing;

/// <summary>
/// <c>x-locus-max-tokens-clamped: asked-&gt;granted</c>, e.g. <c>64000-&gt;448</c>: the model lowered the request's
/// <c>max_tokens</c> to the room its context had left after the prompt. Written from what the backend reports (a
/// plain server) and from the route's result (a routing node); both say the same.
/// </summary>
internal static class ClampHeader
{
    public const string Name = "x-locus-max-tokens-clamped";

    /// <summary>Writes the header when <paramref name="properties"/> (a response's or its first update's) report a clamp and the headers are not sent yet.</summary>
    public static void Write(HttpResponse response, AdditionalPropertiesDictionary? properties)
    {
        if (!response.HasStarted && MaxTokensClamp.From(properties) is { } clamp)
        {
            response.Headers[Name] = clamp.ToString();
        }
    }
}
