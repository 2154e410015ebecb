using Locus.Routing.Ensembles;
using Locus.Routing.Policy;
using Locus.Routing.Requests;
using Locus.Routing.Runtime;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Tests.Ensembles;

/// <summary>Tier 2 through the router with scripted members: the measure decides, and the reason says which and how.</summary>
public sealed class EnsembleMeasureRoutingTests
{
    private readonly RouterFixture _fixture = new();

    private async Task<(RouteResult Ticket, string Text)> AskAsync(AgreementMeasure measure)
    {
        var router = _fixture.Build(r => r with { Ensemble = r.Ensemble! with { Measure = measure } });
        var call = router.Route(new RequestContext());
        var response = await call.GetResponseAsync(RouterFixture.Ask(Prompts.Medium));
        return (call.Result!, response.Text);
    }

    private static string EnsembleReason(RouteResult route) => Assert.Single(route.Reasons, r => r.Signal == "ensemble").Detail;

    [Fact]
    public async Task Run_ShortAnswersSpelledDifferently_AutoVotesAndAnswersLocally()
    {
        _fixture.Local.Reply = (_, _) => "The answer is B.";
        _fixture.Local2.Reply = (_, _) => "(B)";

        var (ticket, text) = await AskAsync(AgreementMeasure.Auto);

        Assert.Equal(RouteTier.Ensemble, ticket.Tier);
        Assert.Equal("The answer is B.", text);
        Assert.Equal("2 answers agreed: vote 2/2 agree on \"B\" (1.00 ≥ 0.60)", EnsembleReason(ticket));
    }

    [Fact]
    public async Task Run_SameShortAnswersUnderSimilarity_DisagreeAndEscalate()
    {
        _fixture.Local.Reply = (_, _) => "The answer is B.";
        _fixture.Local2.Reply = (_, _) => "(B)";

        var (ticket, _) = await AskAsync(AgreementMeasure.Similarity);

        Assert.Equal((RouteTier.Cloud, "cloud"), (ticket.Tier, ticket.Target));
        Assert.StartsWith("answers disagreed: similarity 0.00 < 0.60", EnsembleReason(ticket), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DifferentShortAnswers_VoteDisagreesAndEscalates()
    {
        _fixture.Local.Reply = (_, _) => "Answer: B";
        _fixture.Local2.Reply = (_, _) => "C";

        var (ticket, _) = await AskAsync(AgreementMeasure.Auto);

        Assert.Equal((RouteTier.Cloud, "cloud"), (ticket.Tier, ticket.Target));
        Assert.Equal("answers disagreed: vote 1/2 agree on \"B\" (0.50 < 0.60) → tier 3 (cloud)", EnsembleReason(ticket));
    }
}
