using Locus.Routing.Memory;
using Locus.Routing.Options;
using Locus.Routing.Requests;
using Locus.Routing.Targets;

namespace Locus.Routing.Pipeline;

/// <summary>
/// One attempt of one request on one target: what that target's steps need to know of the request (its memory,
/// whether to redact, the privacy a peer must keep, whether to measure confidence) and where they report what they
/// did. Created by the router for each attempt; reaches the steps inside <see cref="TargetChatOptions"/>.
/// </summary>
internal sealed class TargetCall
{
    public required RouteTarget Target { get; init; }

    /// <summary>Names the attempt in reasons and logs: the target, or an ensemble's members joined by '+'.</summary>
    public required string Label { get; init; }

    /// <summary>The memory documents selected for the request; the memory step injects the share this target may see.</summary>
    public MemorySelection Memory { get; init; } = MemorySelection.Empty;

    /// <summary>Replace secrets and personal data by placeholders (applied on targets off this device only).</summary>
    public bool Redact { get; init; }

    /// <summary>The privacy marking a peer is told to keep (applied on peer targets only).</summary>
    public PrivacyMarking PeerPrivacy { get; init; }

    /// <summary>The cascade this attempt is the local half of: measure confidence and cap the answer; null otherwise.</summary>
    public CascadeOptions? Cascade { get; init; }

    public required IAttemptObserver Observer { get; init; }

    /// <summary>What the target used, set by the usage step once the answer has completed; null until then (or if it failed).</summary>
    public AttemptUsage? Usage { get; set; }
}

/// <summary>Hears what a target's steps did while the attempt runs, in the order they did it.</summary>
internal interface IAttemptObserver
{
    /// <summary>A reason for the route's explanation, e.g. ("memory", "injected 2 documents ... locally (local)").</summary>
    void Note(string signal, string detail);

    /// <summary>How many values were replaced by placeholders before the request left the device.</summary>
    void Redacted(int values);

    /// <summary>The target lowered the request's <c>max_tokens</c> to the room its context had left.</summary>
    void Clamped(Core.Abstractions.MaxTokensClamp clamp)
    {
    }
}

/// <summary>One completed attempt's usage: tokens, first-token time and duration measured at the target, and its energy estimate.</summary>
internal sealed record AttemptUsage(TokenTotals Tokens, TimeSpan? TimeToFirstToken, TimeSpan Elapsed, double EnergyJoules);
