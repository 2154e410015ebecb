using Locus.Core.Abstractions;
using Locus.Core.Errors;
using Locus.Routing.Options;
using Locus.Routing.Policy;
using Locus.Routing.Runtime;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Tests.Delegation;

/// <summary>Serving a delegated request: what the peer is sent, and the local answer when the peer fails.</summary>
public sealed class PeerExecutionTests
{
    private readonly PeerFixture _fixture = new();

    private static Func<RoutingOptions, RoutingOptions> NoEnsemble => r => r with { Ensemble = null };

    private static (ChatOptions Options, RouteTicket Ticket) Ticket(RequestContext? context = null)
    {
        var options = new ChatOptions();
        var ticket = new RouteTicket(context ?? new RequestContext());
        ticket.AttachTo(options);
        return (options, ticket);
    }

    [Fact]
    public async Task Stream_PeerChosen_StreamsThePeersAnswerInChunks()
    {
        var (options, ticket) = Ticket();

        var updates = await _fixture.Build(NoEnsemble).Client.GetStreamingResponseAsync(RouterFixture.Ask(Prompts.Medium), options).ToListAsync();

        Assert.StartsWith("studio: ", string.Concat(updates.Select(u => u.Text)), StringComparison.Ordinal);
        Assert.True(updates.Count(u => u.Text.Length > 0) > 3, $"{updates.Count} updates");
        Assert.Equal((2, "studio", false), (ticket.Tier, ticket.Target, ticket.Degraded));
        Assert.Empty(_fixture.Router.Local.Calls);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Run_PeerUnreachable_AnsweredLocallyDegradedAndSaysSo(bool streaming)
    {
        _fixture.Router.Studio.FailBeforeFirst = new LocusException(new LocusError(LocusErrorKind.Unavailable, "connection refused", null, "upstream_unreachable"));
        var (options, ticket) = Ticket();
        var client = _fixture.Build(NoEnsemble).Client;

        var text = streaming
            ? string.Concat(await client.GetStreamingResponseAsync(RouterFixture.Ask(Prompts.Medium), options).Select(u => u.Text).ToListAsync())
            : (await client.GetResponseAsync(RouterFixture.Ask(Prompts.Medium), options)).Text;

        Assert.StartsWith("ok: ", text, StringComparison.Ordinal);
        Assert.Equal((1, "local", true), (ticket.Tier, ticket.Target, ticket.Degraded));
        Assert.Contains(ticket.Reasons, r => r.Signal == "fallback" && r.Detail.StartsWith("studio failed (upstream_unreachable) → tier 1 (local)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_PrivateRequestDelegated_PeerToldLocalOnly()
    {
        var (options, _) = Ticket();
        var router = _fixture.Build(r => r with { Privacy = PrivacyAction.Local });

        await router.Client.GetResponseAsync(RouterFixture.Ask("Email jane.doe@example.com about it.\n" + Prompts.Hard), options);

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
        var (options, _) = Ticket();

        await _fixture.Build(NoEnsemble).Client.GetResponseAsync(RouterFixture.Ask(Prompts.Medium), options);

        var sent = Assert.Single(_fixture.Router.Studio.Options);
        Assert.False(sent?.AdditionalProperties?.ContainsKey(LocusChatOptions.UpstreamHeaders) ?? false);
    }
}
