using Locus.Core.Abstractions;
using Locus.Core.Errors;
using Locus.Ledger;
using Locus.Routing.Options;
using Locus.Routing.Policy;
using Locus.Routing.Requests;
using Locus.Routing.Runtime;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Tests;

/// <summary>The confidence cascade over scripted backends: keep, escalate, fall back to the held answer, and what is recorded.</summary>
public sealed class CascadeExecutionTests : IAsyncLifetime
{
    private readonly RouterFixture _fixture = new();

    public Task InitializeAsync() => _fixture.OpenLedgerAsync();

    public Task DisposeAsync() => _fixture.CloseLedgerAsync();

    private static GenerationConfidence Sure(double probability, int tokens = 12) =>
        new(tokens, Math.Log(probability), Math.Log(probability) - 1, 1.0);

    private LocusRouter Router(CascadeOptions? cascade = null) =>
        _fixture.Build(r => r with { Cascade = cascade ?? new CascadeOptions { MinConfidence = 0.55 } });

    [Fact]
    public async Task Run_LocalConfident_KeptOnTier1WithReasonAndNoCloudCall()
    {
        _fixture.Local.Confidence = Sure(0.8);
        var options = new ChatOptions();

        var call = Router().Route(new RequestContext());
        var response = await call.GetResponseAsync(RouterFixture.Ask(Prompts.Simple), options);

        Assert.Equal("ok: " + Prompts.Simple, response.Text);
        Assert.Equal((RouteTier.Local, "local", false), (call.Result!.Tier, call.Result!.Target, call.Result!.Degraded));
        Assert.Contains("cascade: local confidence 0.80 >= 0.55 (mean_logprob, 12 tokens)", call.Result!.ReasonHeader(), StringComparison.Ordinal);
        Assert.Empty(_fixture.Cloud.Calls);
        Assert.Equal(true, _fixture.Local.Options[0]!.AdditionalProperties![LocusChatOptions.MeasureConfidence]);
    }

    [Fact]
    public async Task Run_LocalUnsure_EscalatesToCloudAndChargesOnlyTheCloudTokens()
    {
        _fixture.Local.Confidence = Sure(0.31);
        var options = new ChatOptions();

        var call = Router().Route(new RequestContext());
        var response = await call.GetResponseAsync(RouterFixture.Ask(Prompts.Simple), options);

        Assert.Equal("cloud: " + Prompts.Simple, response.Text);
        Assert.Equal((RouteTier.Cloud, "cloud", false), (call.Result!.Tier, call.Result!.Target, call.Result!.Degraded));
        Assert.Contains("cascade: local confidence 0.31 < 0.55 (mean_logprob, 12 tokens) -> cloud", call.Result!.ReasonHeader(), StringComparison.Ordinal);
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
        var options = new ChatOptions();

        var call = Router().Route(new RequestContext());
        var response = await call.GetResponseAsync(RouterFixture.Ask(Prompts.Simple), options);

        Assert.Equal("ok: " + Prompts.Simple, response.Text);
        Assert.Equal((RouteTier.Local, "local", true), (call.Result!.Tier, call.Result!.Target, call.Result!.Degraded));
        Assert.Contains("cloud failed (upstream_error) -> the local answer after all (degraded)", call.Result!.ReasonHeader(), StringComparison.Ordinal);
        var row = Assert.Single(await _fixture.Ledger!.RecentAsync(10));
        Assert.Equal((1, "local", true, 0m), (row.Tier, row.Target, row.Degraded, row.CostUsd));
        Assert.Equal(response.Usage!.OutputTokenCount, row.OutputTokens);
    }

    [Fact]
    public async Task Stream_LocalUnsure_StreamsTheCloudAnswerOnly()
    {
        _fixture.Local.Confidence = Sure(0.1);
        var options = new ChatOptions();

        var call = Router().Route(new RequestContext());
        var updates = await call.GetStreamingResponseAsync(RouterFixture.Ask(Prompts.Simple), options).ToListAsync();

        Assert.Equal("cloud: " + Prompts.Simple, string.Concat(updates.Select(u => u.Text)));
        Assert.Equal("cloud", call.Result!.Target);
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
        var options = new ChatOptions();
        var cascade = new CascadeOptions { MinConfidence = threshold, Metric = metric };

        var call = Router(cascade).Route(new RequestContext());
        await call.GetResponseAsync(RouterFixture.Ask(Prompts.Simple), options);

        Assert.Equal(expected, call.Result!.Target);
        Assert.Contains($"({cascade.MetricName}, 10 tokens)", call.Result!.ReasonHeader(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MaxLocalTokens_CapsTheLocalRunAndEscalatesAnAnswerCutAtTheCap()
    {
        _fixture.Local.Confidence = Sure(0.9);
        _fixture.Local.FinishReason = ChatFinishReason.Length;
        var options = new ChatOptions();

        var call = Router(new CascadeOptions { MinConfidence = 0.5, MaxLocalTokens = 16 }).Route(new RequestContext());
        await call.GetResponseAsync(RouterFixture.Ask(Prompts.Simple), options);

        Assert.Equal(16, _fixture.Local.Options[0]!.MaxOutputTokens);
        Assert.Equal("cloud", call.Result!.Target);
        Assert.Contains("reached max_local_tokens (16) unfinished -> cloud", call.Result!.ReasonHeader(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ClientMaxTokensBelowTheCap_LengthStopIsTheClientsOwnAndJudgedByConfidence()
    {
        _fixture.Local.Confidence = Sure(0.9);
        _fixture.Local.FinishReason = ChatFinishReason.Length;
        var options = new ChatOptions();
        options.MaxOutputTokens = 8;

        var call = Router(new CascadeOptions { MinConfidence = 0.5, MaxLocalTokens = 16 }).Route(new RequestContext());
        await call.GetResponseAsync(RouterFixture.Ask(Prompts.Simple), options);

        Assert.Equal(8, _fixture.Local.Options[0]!.MaxOutputTokens);
        Assert.Equal("local", call.Result!.Target);
    }

    [Fact]
    public async Task Run_LocalOnlyRequest_NoCascadeAndNothingMeasured()
    {
        _fixture.Local.Confidence = Sure(0.01);
        var options = new ChatOptions();

        var call = Router().Route(new RequestContext(Privacy: PrivacyMarking.LocalOnly));
        var response = await call.GetResponseAsync(RouterFixture.Ask(Prompts.Simple), options);

        Assert.Equal(("local", "ok: " + Prompts.Simple), (call.Result!.Target, response.Text));
        Assert.DoesNotContain("cascade", call.Result!.ReasonHeader(), StringComparison.Ordinal);
        Assert.Empty(_fixture.Cloud.Calls);
        Assert.False(_fixture.Local.Options[0]?.AdditionalProperties?.ContainsKey(LocusChatOptions.MeasureConfidence) == true);
    }

    [Fact]
    public async Task Run_PinnedLocalTarget_NeverEscalates()
    {
        _fixture.Local.Confidence = Sure(0.01);
        var options = new ChatOptions();

        var call = Router().Route(new RequestContext(RequestedModel: "local"));
        await call.GetResponseAsync(RouterFixture.Ask(Prompts.Simple), options);

        Assert.Equal("local", call.Result!.Target);
        Assert.Empty(_fixture.Cloud.Calls);
    }

    [Fact]
    public async Task Run_EscalatingPrivateData_RedactedOnTheWayOutRestoredInTheAnswer()
    {
        const string email = "jane.doe@example.com";
        _fixture.Local.Confidence = Sure(0.1);
        var options = new ChatOptions();

        var call = Router().Route(new RequestContext());
        var response = await call.GetResponseAsync(RouterFixture.Ask($"What is the capital of France? Reply to {email}"), options);

        Assert.Equal("cloud", call.Result!.Target);
        Assert.DoesNotContain(email, _fixture.Cloud.Calls[0][^1].Text, StringComparison.Ordinal);
        Assert.Contains(email, response.Text, StringComparison.Ordinal);
        Assert.True(call.Result!.Redactions > 0);
    }
}
