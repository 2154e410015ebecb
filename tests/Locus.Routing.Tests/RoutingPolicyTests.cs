using Locus.Core.Abstractions;
using Locus.Core.Errors;
using Locus.Routing.Options;
using Locus.Routing.Policy;
using Locus.Routing.Requests;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Tests;

public sealed class RoutingPolicyTests
{
    private readonly RouterFixture _fixture = new();

    private RouteDecision Decide(string prompt, RequestContext? context = null, ChatOptions? options = null, Func<RoutingOptions, RoutingOptions>? routing = null) =>
        _fixture.Build(routing).Explain(RouterFixture.Ask(prompt), options, context ?? new RequestContext());

    private static string Signals(RouteDecision d) => string.Join(",", d.Reasons.Select(r => r.Signal));

    [Fact]
    public void Decide_SimpleLookup_TakesFastPath()
    {
        var d = Decide(Prompts.Simple);
        Assert.Equal((RouteTier.Local, "local"), (d.Tier, d.Target));
        Assert.Contains("quick-task wording", d.Reasons.Single(r => r.Signal == "complexity").Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_MediumReasoning_UsesEnsemble()
    {
        var d = Decide(Prompts.Medium);
        Assert.Equal((RouteTier.Ensemble, "local+local2"), (d.Tier, d.Target));
        Assert.Equal("cloud", Assert.Single(d.Fallbacks).Target);
    }

    [Fact]
    public void Decide_MediumWithoutEnsemble_RunsOnFastPathAndSaysWhy()
    {
        var d = Decide(Prompts.Medium, routing: r => r with { Ensemble = null });
        Assert.Equal(RouteTier.Local, d.Tier);
        Assert.Contains(d.Reasons, r => r.Signal == "tier" && r.Detail.Contains("ensemble", StringComparison.Ordinal));
    }

    [Fact]
    public void Decide_MultiFileRefactor_EscalatesToCloudWithLocalFallback()
    {
        var d = Decide(Prompts.Hard);
        Assert.Equal((RouteTier.Cloud, "cloud"), (d.Tier, d.Target));
        Assert.True(d.Complexity >= 0.65, $"complexity {d.Complexity}");
        Assert.Equal(["cloud2", "local"], d.Fallbacks.Select(f => f.Target));
        Assert.True(d.EstimatedCostUsd > 0);
    }

    [Fact]
    public void Decide_SecretWithRedactPolicy_GoesToCloudRedacted()
    {
        var d = Decide(Prompts.Hard + "\nMy key is sk-proj-" + new string('a', 20) + "B7x9Qm2LpZ4vR8tY1wE6uI3o");
        Assert.Equal(RouteTier.Cloud, d.Tier);
        Assert.True(d.Redact);
        Assert.Contains(d.Reasons, r => r.Signal == "sensitivity" && r.Detail.Contains("redacted", StringComparison.Ordinal));
    }

    [Fact]
    public void Decide_PersonalDataWithLocalPolicy_StaysLocal()
    {
        var d = Decide(Prompts.Hard + "\nMail me at jane.doe@example.com", routing: r => r with { Privacy = PrivacyAction.Local });
        Assert.Equal(RouteTier.Ensemble, d.Tier);
        Assert.Empty(d.Fallbacks);
        Assert.False(d.Redact);
        Assert.Contains("email", d.Findings);
        Assert.Contains("sensitivity", Signals(d), StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_PersonalDataWithBlockPolicy_RefusesCloudButServesLocalWork()
    {
        var hard = Decide(Prompts.Hard + "\nMail me at jane.doe@example.com", routing: r => r with { Privacy = PrivacyAction.Block });
        Assert.Equal(LocusErrorKind.PolicyDenied, hard.Refusal?.Kind);
        var simple = Decide(Prompts.Simple + " jane.doe@example.com", routing: r => r with { Privacy = PrivacyAction.Block });
        Assert.Equal(RouteTier.Local, simple.Tier);
    }

    [Fact]
    public void Decide_LocalOnlyHeader_KeepsHardWorkLocal()
    {
        var d = Decide(Prompts.Hard, new RequestContext(Privacy: PrivacyMarking.LocalOnly));
        Assert.Equal((RouteTier.Ensemble, "local+local2"), (d.Tier, d.Target));
        Assert.Contains(d.Reasons, r => r.Detail.Contains("local-only", StringComparison.Ordinal));
        Assert.Empty(d.Fallbacks);
    }

    [Fact]
    public void Decide_PromptLargerThanLocalContext_Escalates()
    {
        var big = string.Join(' ', Enumerable.Repeat("lorem ipsum dolor", 800));
        var d = Decide(big);
        Assert.Equal(RouteTier.Cloud, d.Tier);
        Assert.Contains("context", Signals(d), StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_PromptLargerThanLocalContextAndLocalOnly_RefusedAsContextOverflow()
    {
        var big = string.Join(' ', Enumerable.Repeat("lorem ipsum dolor", 800));
        var d = Decide(big, new RequestContext(Privacy: PrivacyMarking.LocalOnly));
        Assert.Equal(LocusErrorKind.ContextOverflow, d.Refusal?.Kind);
    }

    [Fact]
    public void Decide_ToolUse_GoesToToolCapableCloud()
    {
        var options = new ChatOptions { Tools = [AIFunctionFactory.CreateDeclaration("get_weather", "Weather", System.Text.Json.JsonDocument.Parse("{\"type\":\"object\"}").RootElement)] };
        var d = Decide(Prompts.Simple, options: options);
        Assert.Equal(RouteTier.Cloud, d.Tier);
        Assert.Contains("tools", Signals(d), StringComparison.Ordinal);
        var local = Decide(Prompts.Simple, new RequestContext(Privacy: PrivacyMarking.LocalOnly), options);
        Assert.Equal("tools_unsupported", local.Refusal?.Code);
    }

    [Fact]
    public void Decide_CloudUnavailable_DegradesToLocal()
    {
        _fixture.Cloud.Current = new TargetHealthState(false, "circuit open");
        _fixture.Cloud2.Current = new TargetHealthState(false, "circuit open");
        var d = Decide(Prompts.Hard);
        Assert.True(d.Degraded);
        Assert.Equal(RouteTier.Ensemble, d.Tier);
        Assert.Contains(d.Reasons, r => r.Signal == "availability" && r.Detail.Contains("circuit open", StringComparison.Ordinal));
    }

    [Fact]
    public void Decide_FirstCloudUnavailable_UsesSecond()
    {
        _fixture.Cloud.Current = new TargetHealthState(false, "circuit open");
        Assert.Equal("cloud2", Decide(Prompts.Hard).Target);
    }

    [Fact]
    public void Decide_PinnedCloudUnavailable_RefusedAs503()
    {
        _fixture.Cloud.Current = new TargetHealthState(false, "connection refused");
        var d = Decide(Prompts.Simple, new RequestContext(RequestedModel: "cloud"));
        Assert.Equal(LocusErrorKind.Unavailable, d.Refusal?.Kind);
        Assert.Contains("connection refused", d.Refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_PinnedCloud_NoLocalFallback()
    {
        var d = Decide(Prompts.Simple, new RequestContext(RequestedModel: "cloud"));
        Assert.Equal((RouteTier.Cloud, "cloud"), (d.Tier, d.Target));
        Assert.DoesNotContain(d.Fallbacks, f => f.Tier == RouteTier.Local);
        Assert.Contains("pinned", Signals(d), StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_UnknownModel_ThrowsModelNotFound()
    {
        var ex = Assert.Throws<LocusException>(() => Decide(Prompts.Simple, new RequestContext(RequestedModel: "gpt-9")));
        Assert.Equal(LocusErrorKind.ModelNotFound, ex.Error.Kind);
        Assert.Contains("auto", ex.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_LocalQueueTooLongForBudget_PicksCloud()
    {
        _fixture.Local.Queued = 20;
        var d = Decide(Prompts.Simple, new RequestContext(LatencyBudget: TimeSpan.FromSeconds(8)));
        Assert.Equal((RouteTier.Cloud, "cloud"), (d.Tier, d.Target));
        Assert.Contains(d.Reasons, r => r.Signal == "latency" && r.Detail.Contains("budget", StringComparison.Ordinal));
    }

    [Fact]
    public void Decide_NoTargetMeetsBudget_SaysSoAndUsesFastest()
    {
        var d = Decide(Prompts.Simple, new RequestContext(LatencyBudget: TimeSpan.FromMilliseconds(1)));
        Assert.Contains(d.Reasons, r => r.Signal == "latency" && r.Detail.StartsWith("no target can meet", StringComparison.Ordinal));
        Assert.NotEqual(RouteTier.None, d.Tier);
    }

    [Fact]
    public void Decide_ClientNotAllowedCloud_StaysLocal()
    {
        _fixture.Config = _fixture.Config with { Clients = [new ClientPolicy { Name = "kid", AllowCloud = false }] };
        var d = Decide(Prompts.Hard, new RequestContext("kid"));
        Assert.Equal(RouteTier.Ensemble, d.Tier);
        Assert.Contains("policy", Signals(d), StringComparison.Ordinal);
    }
}
