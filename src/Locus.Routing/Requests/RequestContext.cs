namespace Locus.Routing.Requests;

/// <summary>How the caller marked a request's privacy (header <c>x-locus-privacy</c>).</summary>
public enum PrivacyMarking
{
    /// <summary>No marking: the detectors decide.</summary>
    Normal,

    /// <summary>Treat as sensitive even if no detector fires: the privacy policy applies.</summary>
    Sensitive,

    /// <summary>Must never leave the device, whatever the policy says.</summary>
    LocalOnly,
}

/// <summary>The spellings of a privacy marking that the header and the CLI accept.</summary>
public static class PrivacyMarkings
{
    /// <summary>normal (or empty), sensitive (or private), local-only (or local_only, local); case-insensitive.</summary>
    public static bool TryParse(string? text, out PrivacyMarking marking)
    {
        marking = (text ?? "").Trim().ToLowerInvariant() switch
        {
            "" or "normal" => PrivacyMarking.Normal,
            "sensitive" or "private" => PrivacyMarking.Sensitive,
            "local-only" or "local_only" or "local" => PrivacyMarking.LocalOnly,
            _ => (PrivacyMarking)(-1),
        };
        return Enum.IsDefined(marking);
    }
}

/// <summary>Who asked and under which constraints: the part of a routing decision that is not in the messages.</summary>
/// <param name="Client">The client's name (from its API key), "default" when unauthenticated.</param>
/// <param name="RequestedModel">The model id the client sent: the auto model lets Locus choose; a target name pins it.</param>
/// <param name="Privacy">The request's own privacy marking.</param>
/// <param name="LatencyBudget">A per-request latency budget (header <c>x-locus-latency-budget-ms</c>), overriding the client's.</param>
/// <param name="Memory">Memory documents the request asked for (header <c>x-locus-memory</c>); null: it asked nothing.</param>
/// <param name="DelegatedBy">
/// Set when another Locus node delegated this request here (header <c>x-locus-delegated</c>, its value: that node's
/// name): it is served by this node's own targets only, never passed on to a peer, so delegation cannot loop.
/// </param>
public sealed record RequestContext(
    string Client = RequestContext.DefaultClient,
    string? RequestedModel = null,
    PrivacyMarking Privacy = PrivacyMarking.Normal,
    TimeSpan? LatencyBudget = null,
    MemoryRequest? Memory = null,
    string? DelegatedBy = null)
{
    public const string DefaultClient = "default";

    public bool Delegated => DelegatedBy is not null;
}
