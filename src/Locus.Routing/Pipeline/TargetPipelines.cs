using System.Collections.Frozen;
using Locus.Privacy;
using Locus.Routing.Options;
using Locus.Routing.Targets;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Locus.Routing.Pipeline;

/// <summary>
/// Every target of a snapshot behind its steps, composed once per snapshot (a reload composes anew; a request keeps
/// the pipelines it started with). Outermost first:
/// <list type="number">
/// <item>memory: inject the documents this target may see;</item>
/// <item>redaction (targets off this device): placeholders out, originals back in;</item>
/// <item>usage: time to first token, tokens, stats and energy of what the target itself did;</item>
/// <item>confidence (targets on this device): measured for a cascade's local half;</item>
/// <item>peer privacy (peer targets): the marking the peer must keep;</item>
/// <item>max_tokens clamp (Locus's own models): the clamp the backend reports, for the headers and the ledger;</item>
/// <item>raw completion (targets that complete raw text): a <c>/v1/completions</c> prompt runs without a chat template.</item>
/// </list>
/// </summary>
internal sealed class TargetPipelines
{
    private readonly FrozenDictionary<string, IChatClient> _pipelines;

    public TargetPipelines(RouterSnapshot snapshot, ISensitivityScanner scanner, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _pipelines = snapshot.Targets.Values.ToFrozenDictionary(t => t.Name, t => Compose(t, scanner, time, logger), StringComparer.Ordinal);
    }

    public IChatClient For(RouteTarget target) => _pipelines[target.Name];

    private static IChatClient Compose(RouteTarget target, ISensitivityScanner scanner, TimeProvider time, ILogger logger) =>
        new ChatPipelineBuilder(target.Client)
            .Use(inner => new MemoryInjectingChatClient(inner, logger))
            .UseIf(!target.OnDevice, inner => new RedactingChatClient(inner, scanner))
            .Use(inner => new UsageMeteringChatClient(inner, time))
            .UseIf(target.OnDevice, inner => new ConfidenceMeasuringChatClient(inner))
            .UseIf(target.Options.Kind == TargetKind.Peer, inner => new PeerPrivacyChatClient(inner))
            .UseIf(target.ClampsMaxTokens, inner => new ClampReportingChatClient(inner))
            .UseIf(target.TextCompletion is not null, inner => new RawCompletionChatClient(inner, target.TextCompletion!))
            .Build();
}
