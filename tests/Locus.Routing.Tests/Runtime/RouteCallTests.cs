using Locus.Core.Errors;
using Locus.Ledger;
using Locus.Routing.Policy;
using Locus.Routing.Requests;
using Locus.Routing.Runtime;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Tests.Runtime;

/// <summary>One request's <see cref="RouteCall"/>: its result as the server reads it, and the row it leaves.</summary>
public sealed class RouteCallTests : IAsyncLifetime
{
    private readonly RouterFixture _fixture = new();

    public Task InitializeAsync() => _fixture.OpenLedgerAsync();

    public Task DisposeAsync() => _fixture.CloseLedgerAsync();

    [Fact]
    public async Task Route_SecondRequestOnOneCall_Refused()
    {
        var call = _fixture.Build().Route(new RequestContext());
        Assert.Null(call.Result);
        await call.GetResponseAsync(RouterFixture.Ask(Prompts.Simple));

        Assert.Throws<InvalidOperationException>(() => call.GetStreamingResponseAsync(RouterFixture.Ask(Prompts.Simple)));
    }

    [Fact]
    public async Task Stream_CloudFailsBeforeFirstToken_ResultAtFirstUpdateIsTheOneThatAnswers()
    {
        // The server writes the x-locus-* headers when the first update goes out: the result must be final by then.
        _fixture.Cloud.FailBeforeFirst = new HttpRequestException("refused");
        var call = _fixture.Build().Route(new RequestContext());
        RouteResult? atFirst = null;
        await foreach (var _ in call.GetStreamingResponseAsync(RouterFixture.Ask(Prompts.Hard)))
        {
            atFirst ??= call.Result;
        }

        Assert.Equal((RouteTier.Cloud, "cloud2"), (atFirst!.Tier, atFirst.Target));
        Assert.Equal(atFirst, call.Result);
        Assert.Contains(atFirst.Reasons, r => r.Signal == "fallback");
    }

    [Fact]
    public async Task Run_UnknownModel_NoResultAndARefusedRow()
    {
        var call = _fixture.Build().Route(new RequestContext(RequestedModel: "gpt-9"));
        var ex = await Assert.ThrowsAsync<LocusException>(() => call.GetResponseAsync(RouterFixture.Ask(Prompts.Simple)));

        Assert.Equal(LocusErrorKind.ModelNotFound, ex.Error.Kind);
        Assert.Null(call.Result);
        var row = Assert.Single(await _fixture.Ledger!.RecentAsync(5));
        Assert.Equal((0, "", "refused:model_not_found"), (row.Tier, row.Target, row.Outcome));
    }

    [Fact]
    public async Task Run_EnsembleAgrees_RowChargesEveryMembersTokensAndEnergy()
    {
        _fixture.Local.Reply = _fixture.Local2.Reply = (_, _) => "Rayleigh scattering makes short blue wavelengths scatter the most in air.";
        var call = _fixture.Build().Route(new RequestContext());
        await call.GetResponseAsync(RouterFixture.Ask(Prompts.Medium));

        var row = Assert.Single(await _fixture.Ledger!.RecentAsync(5));
        Assert.Equal((2, "local+local2", "ok"), (row.Tier, row.Target, row.Outcome));
        // Each scripted member reports 10 input tokens per message; both answered.
        Assert.Equal(20, row.InputTokens);
        Assert.True(row.EnergyJoules > 0, $"{row.EnergyJoules} J");
    }
}
