using Locus.Core.Abstractions;
using Locus.Core.Errors;
using Locus.Routing.Options;
using Locus.Routing.Policy;
using Locus.Routing.Requests;
using Locus.Routing.Runtime;
using Locus.Routing.Signals;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Tests.Delegation;

/// <summary>Serving a delegated request: what the peer is sent, and the local answer when the peer fails.</summary>
public sealed class PeerExecutionTests
{
    private readonly PeerFixture _fixture = new();

    private static Func<RoutingOptions, RoutingOptions> NoEnsemble => r => r with { Ensemble = null };

    [Fact]
    public async Task Stream_PeerChosen_StreamsThePeersAnswerInChunks()
    {
        var options = new ChatOptions();

        var call = _fixture.Build(NoEnsemble).Route(new RequestContext());
        var updates = await call.GetStreamingResponseAsync(RouterFixture.Ask(Prompts.Medium), options).ToListAsync();

        Assert.StartsWith("studio: ", string.Concat(updates.Select(u => u.Text)), StringComparison.Ordinal);
        Assert.True(updates.Count(u => u.Text.Length > 0) > 3, $"{updates.Count} updates");
        Assert.Equal((RouteTier.Ensemble, "studio", false), (call.Result!.Tier, call.Result!.Target, call.Result!.Degraded));
        Assert.Empty(_fixture.Router.Local.Calls);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Run_PeerUnreachable_AnsweredLocallyDegradedAndSaysSo(bool streaming)
    {
        _fixture.Router.Studio.FailBeforeFirst = new LocusException(new LocusError(LocusErrorKind.Unavailable, "connection refused", null, "upstream_unreachable"));
        var options = new ChatOptions();
        var call = _fixture.Build(NoEnsemble).Route(new RequestContext());

        var text = streaming
            ? string.Concat(await call.GetStreamingResponseAsync(RouterFixture.Ask(Prompts.Medium), options).Select(u => u.Text).ToListAsync())
            : (await call.GetResponseAsync(RouterFixture.Ask(Prompts.Medium), options)).Text;

        Assert.StartsWith("ok: ", text, StringComparison.Ordinal);
        Assert.Equal((RouteTier.Local, "local", true), (call.Result!.Tier, call.Result!.Target, call.Result!.Degraded));
        Assert.Contains(call.Result!.Reasons, r => r.Signal == "fallback" && r.Detail.StartsWith("studio failed (upstream_unreachable) → tier 1 (local)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_PrivateRequestDelegated_PeerToldLocalOnly()
    {
        var options = new ChatOptions();
        var router = _fixture.Build(r => r with { Privacy = PrivacyAction.Local });

        var call = router.Route(new RequestContext());
        await call.GetResponseAsync(RouterFixture.Ask("Email jane.doe@example.com about it.\n" + Prompts.Hard), options);

        var sent = Assert.Single(_fixture.Router.Studio.Options);
        var headers = Assert.IsAssignableFrom<IReadOnlyDictionary<string, string>>(sent!.AdditionalProperties![LocusChatOptions.UpstreamHeaders]);
        Assert.Equal("local-only", headers[DelegationHeaders.Privacy]);
        Assert.Empty(_fixture.Router.Cloud.Calls);
        // The peer is one of the person's own devices: it gets the text as written, not placeholders.
        Assert.Contains("jane.doe@example.com", RoutingInput.TextOf(_fixture.Router.Studio.Calls[0][0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_OrdinaryRequestDelegated_NoPrivacyHeaderAdded()
    {
        var options = new ChatOptions();

        var call = _fixture.Build(NoEnsemble).Route(new RequestContext());
        await call.GetResponseAsync(RouterFixture.Ask(Prompts.Medium), options);

        var sent = Assert.Single(_fixture.Router.Studio.Options);
        Assert.False(sent?.AdditionalProperties?.ContainsKey(LocusChatOptions.UpstreamHeaders) ?? false);
    }
}
