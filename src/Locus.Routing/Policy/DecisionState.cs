using Locus.Core.Abstractions;
using Locus.Core.Errors;
using Locus.Routing.Options;
using Locus.Routing.Requests;
using Locus.Routing.Runtime;
using Locus.Routing.Signals;
using Locus.Routing.Targets;

namespace Locus.Routing.Policy;

/// <summary>What the signals have established so far about one request; the policy reads it to pick a tier.</summary>
internal sealed class DecisionState(RouterSnapshot snapshot, RoutingInput input, RequestContext context, ClientPolicy client)
{
    public RouterSnapshot Snapshot => snapshot;

    public RoutingInput Input => input;

    public RequestContext Context => context;

    public ClientPolicy Client => client;

    public List<RouteReason> Reasons { get; } = new(8);

    /// <summary>Why remote targets may not be used, or null while they may.</summary>
    public string? CloudForbidden { get; set; }

    /// <summary>The error to give when the request must leave the device but may not.</summary>
    public LocusError? CloudRefusal { get; set; }

    /// <summary>Over budget with policy "refuse": the error for a request that wants a paid target (null otherwise).</summary>
    public LocusError? BudgetRefusal { get; set; }

    /// <summary>Sensitive data found, policy "block": refuse if the route leaves the device.</summary>
    public bool BlockIfRemote { get; set; }

    public bool Redact { get; set; }

    public IReadOnlyList<string> Findings { get; set; } = [];

    public double Complexity { get; set; }

    /// <summary>The fraction of its measured speed the local device is forecast to hold over this answer (thermal).</summary>
    public double LocalSpeedFactor { get; set; } = 1;

    /// <summary>Why the local answer would be too slow once the device throttles, or null.</summary>
    public string? ThermallyTooSlow { get; set; }

    public RouteTier DesiredTier { get; set; } = RouteTier.Local;

    /// <summary>The first usable peer in <c>routing.peers</c> order; null when none is (or delegation is off).</summary>
    public RouteTarget? Peer { get; set; }

    /// <summary>Why configured peers were passed over (unreachable, too small, hot, busy, silent), or null.</summary>
    public string? PeerProblem { get; set; }

    /// <summary>What the chosen peer last reported (headroom, load), for the reason line; empty without a report.</summary>
    public string PeerNote { get; set; } = "";

    public bool NeedsTools => input.HasTools || input.HasToolHistory;

    /// <summary>A raw prompt (<c>/v1/completions</c>): only targets that complete raw text can run it.</summary>
    public bool NeedsRawCompletion => input.RawPrompt;

    /// <summary>The request asks for JSON output (a response format, with or without a schema).</summary>
    public bool NeedsJsonSchema => input.NeedsJsonSchema;

    /// <summary>
    /// The capability the request needs that <paramref name="target"/> lacks, worded for a reason line
    /// ("fast-local cannot call tools", "cloud-x cannot produce JSON schema output"), or null when it has them all.
    /// </summary>
    public string? Lacks(RouteTarget target) =>
        NeedsRawCompletion && target.TextCompletion is null ? $"{target.Name} cannot complete a raw prompt"
        : NeedsTools && !target.Options.SupportsTools ? $"{target.Name} cannot call tools"
        : NeedsJsonSchema && !target.Options.SupportsJsonSchema ? $"{target.Name} cannot produce JSON schema output"
        : null;

    /// <summary>The capability <see cref="Lacks"/> found missing ("completions", "tools" or "json_schema").</summary>
    public string LackingSignal(RouteTarget target) =>
        NeedsRawCompletion && target.TextCompletion is null ? "completions" : NeedsTools && !target.Options.SupportsTools ? "tools" : "json_schema";

    /// <summary>
    /// The room for output a target that lowers <c>max_tokens</c> to what its context has left must still have after
    /// the prompt to count as fitting; less than this and the request goes where it fits with room to answer.
    /// </summary>
    public const int MinimumOutputRoom = 64;

    private Dictionary<string, (int Tokens, bool Counted)>? _prompts;

    /// <summary>
    /// The prompt's size on <paramref name="target"/>: counted by the target's own tokenizer (local models), through
    /// its chat template, plus the memory it would carry; else the tokenizer-free estimate. Counted once per target.
    /// </summary>
    public (int Tokens, bool Counted) Prompt(RouteTarget target)
    {
        _prompts ??= new(StringComparer.Ordinal);
        if (!_prompts.TryGetValue(target.Name, out var size))
        {
            size = Count(target) is { } counted ? (counted + input.Memory.Tokens, true) : (input.EstimatedPromptTokens, false);
            _prompts[target.Name] = size;
        }

        return size;
    }

    /// <summary>
    /// The output room the request needs on <paramref name="target"/>: all of <c>max_tokens</c> where the target
    /// refuses more than it has (cloud providers), at most <see cref="MinimumOutputRoom"/> where it clamps.
    /// </summary>
    public int OutputNeed(RouteTarget target) => target.ClampsMaxTokens
        ? Math.Min(input.MaxOutputTokens ?? snapshot.Routing.ExpectedOutputTokens, MinimumOutputRoom)
        : input.MaxOutputTokens ?? Math.Min(snapshot.Routing.ExpectedOutputTokens, MinimumOutputRoom);

    /// <summary>Prompt plus the output the request needs room for on <paramref name="target"/>.</summary>
    public int NeededContext(RouteTarget target) => Prompt(target).Tokens + OutputNeed(target);

    public bool Fits(RouteTarget target) => NeededContext(target) <= target.ContextLength;

    /// <summary>Why <paramref name="target"/> cannot hold the request, worded for a reason line.</summary>
    public string TooBig(RouteTarget target) =>
        $"prompt {PromptText(target)} + {OutputNeed(target):N0} for the answer exceed {target.Name}'s {target.ContextLength:N0}-token context";

    /// <summary>"1,234 tokens (counted)" or "~1,234 tokens (estimated)".</summary>
    public string PromptText(RouteTarget target) =>
        Prompt(target) is var (tokens, counted) && counted ? $"{tokens:N0} tokens (counted)" : $"~{tokens:N0} tokens (estimated)";

    /// <summary>
    /// The clamp a target that lowers <c>max_tokens</c> will apply, as far as the decision can tell (exact where the
    /// prompt was counted): null when <c>max_tokens</c> fits or the target does not clamp.
    /// </summary>
    public MaxTokensClamp? ExpectedClamp(RouteTarget target) =>
        target.ClampsMaxTokens ? MaxTokensClamp.For(input.MaxOutputTokens, Prompt(target).Tokens, target.ContextLength) : null;

    private int? Count(RouteTarget target)
    {
        if (target.TokenCounter is not { } counter)
        {
            return null;
        }

        try
        {
            return input.RawPrompt ? counter.CountTextTokens(input.LastUserText) : counter.CountPromptTokens(input.Messages, input.Options);
        }
        catch (LocusException)
        {
            // A request the target's template cannot render fails when it runs, with its own error; route on the estimate.
            return null;
        }
    }

    public int ExpectedOutputTokens => input.MaxOutputTokens ?? snapshot.Routing.ExpectedOutputTokens;

    public void Add(string signal, string detail) => Reasons.Add(new RouteReason(signal, detail));
}
