using System.Text;
using Locus.Core.Abstractions;
using Locus.Routing.Policy;

namespace Locus.Routing.Runtime;

/// <summary>
/// What the router decided for one request and what actually answered it (a fallback, an ensemble's escalation or a
/// cascade can change the target after the decision). Immutable: each change is a new result, published on the
/// request's <see cref="RouteCall"/>. The server turns it into the <c>x-locus-*</c> headers.
/// </summary>
public sealed record RouteResult
{
    public required RouteDecision Decision { get; init; }

    /// <summary>The tier that answered; <see cref="RouteTier.None"/> when refused (or failed before any target answered).</summary>
    public RouteTier Tier { get; init; }

    /// <summary>The target that answered (an ensemble's members joined by '+'); empty when refused.</summary>
    public string Target { get; init; } = "";

    /// <summary>Answered below the tier decided, because the cloud or a peer failed or was unavailable.</summary>
    public bool Degraded { get; init; }

    /// <summary>Values replaced by placeholders before the request left the device.</summary>
    public int Redactions { get; init; }

    /// <summary>The target that answered lowered <c>max_tokens</c> to the room its context had left; null when it did not.</summary>
    public MaxTokensClamp? MaxTokensClamp { get; init; }

    /// <summary>What happened while serving, after the decision: fallbacks, ensemble agreement, the cascade, memory.</summary>
    public IReadOnlyList<RouteReason> Events { get; init; } = [];

    /// <summary>The decision's reasons followed by <see cref="Events"/>.</summary>
    public IReadOnlyList<RouteReason> Reasons => [.. Decision.Reasons, .. Events];

    /// <summary>The result of a decision, before anything ran.</summary>
    public static RouteResult Decided(RouteDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return new RouteResult { Decision = decision, Tier = decision.Tier, Target = decision.Target, Degraded = decision.Degraded };
    }

    /// <summary>The reasons as one line of printable ASCII, for the <c>x-locus-reason</c> header.</summary>
    public string ReasonHeader(int maxLength = 1024)
    {
        var text = new StringBuilder();
        foreach (var reason in Reasons)
        {
            if (text.Length > 0)
            {
                text.Append("; ");
            }

            text.Append(reason.Signal).Append(": ").Append(reason.Detail);
        }

        return HeaderText.Ascii(text.ToString(), maxLength);
    }
}
