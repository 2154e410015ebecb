using Locus.Core.Abstractions;
using Locus.Routing.Options;
using Locus.Routing.Policy;
using Locus.Routing.Requests;
using Locus.Routing.Runtime;

namespace Locus.Routing.Tests.Delegation;

/// <summary>The router fixture plus a peer target "studio" listed in <c>routing.peers</c>, and a settable peer outlook.</summary>
internal sealed class PeerFixture
{
    public RouterFixture Router { get; } = new();

    public PeerFixture(int peerContext = 32_768)
    {
        Router.Config = Router.Config with { Targets = [.. Router.Config.Targets, RouterFixture.PeerTarget("studio", peerContext)] };
        Router.Peers = Outlook;
    }

    public ReportedPeers Outlook { get; } = new();

    public LocusRouter Build(Func<RoutingOptions, RoutingOptions>? routing = null) =>
        Router.Build(r => (routing ?? (x => x))(r with { Peers = ["studio"] }));

    public RouteDecision Decide(string prompt, RequestContext? context = null, Func<RoutingOptions, RoutingOptions>? routing = null) =>
        Build(routing).Explain(RouterFixture.Ask(prompt), null, context ?? new RequestContext());

    public static string Detail(RouteDecision d, string signal) => string.Join(" | ", d.Reasons.Where(r => r.Signal == signal).Select(r => r.Detail));
}

/// <summary>A peer outlook holding whatever reports a test sets.</summary>
internal sealed class ReportedPeers : IPeerOutlook
{
    public Dictionary<string, PeerReport> Reports { get; } = new(StringComparer.Ordinal);

    public PeerReport? Report(string targetName) => Reports.GetValueOrDefault(targetName);
}
