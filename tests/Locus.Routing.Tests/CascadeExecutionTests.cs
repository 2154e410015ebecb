using Locus.Core.Abstractions;
using Locus.Core.Errors;
using Locus.Ledger;
using Locus.Ledger.Sqlite;
using Locus.Routing.Options;
using Locus.Routing.Policy;
using Locus.Routing.Runtime;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Tests;

/// <summary>The confidence cascade over scripted backends: keep, escalate, fall back to the held answer, and what is recorded.</summary>
public sealed class CascadeExecutionTests : IAsyncLifetime
{
    private readonly RouterFixture _fixture = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("locus-cascade-").FullName;

    public Task InitializeAsync()
    {
        _fixture.Ledger = UsageLedger.Open(Path.Combine(_dir, "usage.db"));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _fixture.Ledger!.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private static GenerationConfidence Sure(double probability, int tokens = 12) =>
        new(tokens, Math.Log(probability), Math.Log(probability) - 1, 1.0);

    private LocusRouter Router(CascadeOptions? cascade = null) =>
        _fixture.Build(r => r with { Cascade = cascade ?? new CascadeOptions { MinConfidence = 0.55 } });

    private static (ChatOptions Options, RouteTicket Ticket) Ticket(RequestContext? context = null)
    {
        var options = new ChatOptions { MaxOutputTokens = 64 };
        var ticket = new RouteTicket(context ?? new RequestContext());
        ticket.AttachTo(options);
        return (options, ticket);
    }

    [Fact]
    public async Task Run_LocalConfident_KeptOnTier1WithReasonAndNoCloudCall()
    {
        _fixture.Local.Confidence = Sure(0.8);
        var (options, ticket) = Ticket();

        var response = await Router().Client.GetResponseAsync(RouterFixture.Ask(Prompts.Simple), options);

        Assert.Equal("ok: " + Prompts.Simple, response.Text);
        Assert.Equal((1, "local", false), (ticket.Tier, ticket.Target, ticket.Degraded));
        Assert.Contains("cascade: local confidence 0.80 >= 0.55 (mean_logprob, 12 tokens)", ticket.ReasonHeader(), StringComparison.Ordinal);
        Assert.Empty(_fixture.Cloud.Calls);
        Assert.Equal(true, _fixture.Local.Options[0]!.AdditionalProperties![LocusChatOptions.MeasureConfidence]);
    }

    [Fact]
    public async Task Run_LocalUnsure_EscalatesToCloudAndChargesOnlyTheCloudTokens()
    {
        _fixture.Local.Confidence = Sure(0.31);
        var (options, ticket) = Ticket();

        var response = await Router().Client.GetResponseAsync(RouterFixture.Ask(Prompts.Simple), options);

        Assert.Equal("cloud: " + Prompts.Simple, response.Text);
        Assert.Equal((3, "cloud", false), (ticket.Tier, ticket.Target, ticket.Degraded));
        Assert.Contains("cascade: local confidence 0.31 < 0.55 (mean_logprob, 12 tokens) -> cloud", ticket.ReasonHeader(), StringComparison.Ordinal);
        var row = Assert.Single(await _fixture.Ledger!.RecentAsync(10));
        Assert.Equal((3, "cloud"), (row.Tier, row.Target));
        Assert.Equal(response.Usage!.OutputTokenCount, row.OutputTokens);
        Assert.True(row.CostUsd > 0);
        // The discarded local generation still counts in the row's energy (the cloud alone is 2 J per output token + a tenth per input token).
        Assert.True(row.EnergyJoules > 2 * (row.OutputTokens + (row.InputTokens / 10.0)), $"{row.EnergyJoules} J");
        Assert.Contains(row.Reasons, r => r.StartsWith("cascade: local confidence 0.31 < 0.55", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_LocalUnsureAndCloudFails_LocalAnswerMarkedDegraded()
    {
        _fixture.Local.Confidence = Sure(0.2);
        _fixture.Cloud.FailBeforeFirst = new LocusException(new LocusError(LocusErrorKind.UpstreamFailed, "boom", Code: "upstream_error"));
        var (options, ticket) = Ticket();

        var response = await Router().Client.GetResponseAsync(RouterFixture.Ask(Prompts.Simple), options);

        Assert.Equal("ok: " + Prompts.Simple, response.Text);
        Assert.Equal((1, "local", true), (ticket.Tier, ticket.Target, ticket.Degraded));
        Assert.Contains("cloud failed (upstream_error) -> the local answer after all (degraded)", ticket.ReasonHeader(), StringComparison.Ordinal);
        var row = Assert.Single(await _fixture.Ledger!.RecentAsync(10));
        Assert.Equal((1, "local", true, 0m), (row.Tier, row.Target, row.Degraded, row.CostUsd));
        Assert.Equal(response.Usage!.OutputTokenCount, row.OutputTokens);
    }

    [Fact]
    public async Task Stream_LocalUnsure_StreamsTheCloudAnswerOnly()
    {
        _fixture.Local.Confidence = Sure(0.1);
        var (options, ticket) = Ticket();

        var updates = await Router().Client.GetStreamingResponseAsync(RouterFixture.Ask(Prompts.Simple), options).ToListAsync();

        Assert.Equal("cloud: " + Prompts.Simple, string.Concat(updates.Select(u => u.Text)));
        Assert.Equal("cloud", ticket.Target);
        Assert.Single(_fixture.Local.Calls);
    }

    [Theory]
    [InlineData(CascadeMetric.MeanLogprob, 0.45, "cloud")]
    [InlineData(CascadeMetric.MeanLogprob, 0.35, "local")]
    [InlineData(CascadeMetric.MinLogprob, 0.35, "cloud")]
    [InlineData(CascadeMetric.Entropy, 0.55, "local")]
    [InlineData(CascadeMetric.Entropy, 0.65, "cloud")]
    public async Task Run_EachMetric_ComparesItsOwnFigure(CascadeMetric metric, double threshold, string expected)
    {
        // Geometric mean probability 0.40, least likely step 0.20, exp(−entropy) = exp(−0.5) ≈ 0.61.
        _fixture.Local.Confidence = new GenerationConfidence(10, Math.Log(0.4), Math.Log(0.2), 0.5);
        var (options, ticket) = Ticket();
        var cascade = new CascadeOptions { MinConfidence = threshold, Metric = metric };

        await Router(cascade).Client.GetResponseAsync(RouterFixture.Ask(Prompts.Simple), options);

        Assert.Equal(expected, ticket.Target);
        Assert.Contains($"({cascade.MetricName}, 10 tokens)", ticket.ReasonHeader(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MaxLocalTokens_CapsTheLocalRunAndEscalatesAnAnswerCutAtTheCap()
    {
        _fixture.Local.Confidence = Sure(0.9);
        _fixture.Local.FinishReason = ChatFinishReason.Length;
        var (options, ticket) = Ticket();

        await Router(new CascadeOptions { MinConfidence = 0.5, MaxLocalTokens = 16 }).Client.GetResponseAsync(RouterFixture.Ask(Prompts.Simple), options);

        Assert.Equal(16, _fixture.Local.Options[0]!.MaxOutputTokens);
        Assert.Equal("cloud", ticket.Target);
        Assert.Contains("reached max_local_tokens (16) unfinished -> cloud", ticket.ReasonHeader(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ClientMaxTokensBelowTheCap_LengthStopIsTheClientsOwnAndJudgedByConfidence()
    {
        _fixture.Local.Confidence = Sure(0.9);
        _fixture.Local.FinishReason = ChatFinishReason.Length;
        var (options, ticket) = Ticket();
        options.MaxOutputTokens = 8;

        await Router(new CascadeOptions { MinConfidence = 0.5, MaxLocalTokens = 16 }).Client.GetResponseAsync(RouterFixture.Ask(Prompts.Simple), options);

        Assert.Equal(8, _fixture.Local.Options[0]!.MaxOutputTokens);
        Assert.Equal("local", ticket.Target);
    }

    [Fact]
    public async Task Run_LocalOnlyRequest_NoCascadeAndNothingMeasured()
    {
        _fixture.Local.Confidence = Sure(0.01);
        var (options, ticket) = Ticket(new RequestContext(Privacy: PrivacyMarking.LocalOnly));

        var response = await Router().Client.GetResponseAsync(RouterFixture.Ask(Prompts.Simple), options);

        Assert.Equal(("local", "ok: " + Prompts.Simple), (ticket.Target, response.Text));
        Assert.DoesNotContain("cascade", ticket.ReasonHeader(), StringComparison.Ordinal);
        Assert.Empty(_fixture.Cloud.Calls);
        Assert.False(_fixture.Local.Options[0]?.AdditionalProperties?.ContainsKey(LocusChatOptions.MeasureConfidence) == true);
    }

    [Fact]
    public async Task Run_PinnedLocalTarget_NeverEscalates()
    {
        _fixture.Local.Confidence = Sure(0.01);
        var (options, ticket) = Ticket(new RequestContext(RequestedModel: "local"));

        await Router().Client.GetResponseAsync(RouterFixture.Ask(Prompts.Simple), options);

        Assert.Equal("local", ticket.Target);
        Assert.Empty(_fixture.Cloud.Calls);
    }

    [Fact]
    public async Task Run_EscalatingPrivateData_RedactedOnTheWayOutRestoredInTheAnswer()
    {
        const string email = "jane.doe@example.com";
        _fixture.Local.Confidence = Sure(0.1);
        var (options, ticket) = Ticket();

        var response = await Router().Client.GetResponseAsync(RouterFixture.Ask($"What is the capital of France? Reply to {email}"), options);

        Assert.Equal("cloud", ticket.Target);
        Assert.DoesNotContain(email, _fixture.Cloud.Calls[0][^1].Text, StringComparison.Ordinal);
        Assert.Contains(email, response.Text, StringComparison.Ordinal);
        Assert.True(ticket.Redactions > 0);
    }
}
