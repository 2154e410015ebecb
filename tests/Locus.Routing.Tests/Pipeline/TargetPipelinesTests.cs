using Locus.Core.Errors;
using Locus.Routing.Options;
using Locus.Routing.Policy;
using Locus.Routing.Requests;
using Locus.Routing.Signals;
using Locus.Routing.Targets;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Tests.Pipeline;

/// <summary>Each target's steps, composed once per snapshot, and what each step does to an attempt on its target.</summary>
public sealed class TargetPipelinesTests
{
    private readonly RouterFixture _fixture = new();

    [Fact]
    public async Task Route_TwoRequestsThenReload_PipelinesComposedOncePerSnapshot()
    {
        var router = _fixture.Build();
        var composed = router.State.Pipelines;
        await router.Route(new RequestContext()).GetResponseAsync(RouterFixture.Ask(Prompts.Simple));
        await router.Route(new RequestContext()).GetResponseAsync(RouterFixture.Ask(Prompts.Hard));
        Assert.Same(composed, router.State.Pipelines);

        router.Reload(new RouterSnapshot(router.Snapshot.Config, router.Snapshot.Targets.Values));
        Assert.NotSame(composed, router.State.Pipelines);
    }

    [Fact]
    public async Task Run_RedactedCloudFailsThenLocalAnswers_LocalGetsOriginalTextAndNothingCountsAsRedacted()
    {
        const string email = "jane.doe@example.com";
        _fixture.Cloud.FailBeforeFirst = new LocusException(new LocusError(LocusErrorKind.UpstreamFailed, "boom"));
        _fixture.Cloud2.FailBeforeFirst = new LocusException(new LocusError(LocusErrorKind.Unavailable, "down"));
        var call = _fixture.Build().Route(new RequestContext());

        await call.GetResponseAsync(RouterFixture.Ask(Prompts.Hard + $"\nReply to {email}."));

        Assert.DoesNotContain(email, RoutingInput.TextOf(Assert.Single(_fixture.Cloud.Calls)[0]), StringComparison.Ordinal);
        Assert.Contains(email, RoutingInput.TextOf(Assert.Single(_fixture.Local.Calls)[0]), StringComparison.Ordinal);
        Assert.Equal((RouteTier.Local, 0), (call.Result!.Tier, call.Result.Redactions));
    }

    [Fact]
    public async Task Run_Cascade_OnlyTheLocalHalfIsAskedForConfidence()
    {
        _fixture.Local.Confidence = new Core.Abstractions.GenerationConfidence(12, Math.Log(0.1), Math.Log(0.05), 3.0);
        var router = _fixture.Build(r => r with { Cascade = new CascadeOptions { MinConfidence = 0.55, MaxLocalTokens = 64 } });

        await router.Route(new RequestContext()).GetResponseAsync(RouterFixture.Ask(Prompts.Simple));

        var local = Assert.Single(_fixture.Local.Options);
        var cloud = Assert.Single(_fixture.Cloud.Options);
        Assert.True(local!.AdditionalProperties?.ContainsKey(Core.Abstractions.LocusChatOptions.MeasureConfidence));
        Assert.Equal(64, local.MaxOutputTokens);
        Assert.False(cloud?.AdditionalProperties?.ContainsKey(Core.Abstractions.LocusChatOptions.MeasureConfidence) ?? false);
        Assert.Null(cloud?.MaxOutputTokens);
    }

    [Fact]
    public async Task Run_CallerOptions_TargetGetsThemWithoutModelAndCallerCopyUntouched()
    {
        var options = new ChatOptions { ModelId = "auto", Temperature = 0.25f, AdditionalProperties = new() { ["caller"] = "kept" } };
        await _fixture.Build().Route(new RequestContext(RequestedModel: "auto")).GetResponseAsync(RouterFixture.Ask(Prompts.Simple), options);

        var sent = Assert.Single(_fixture.Local.Options)!;
        Assert.Equal((null, 0.25f, "kept"), (sent.ModelId, sent.Temperature, sent.AdditionalProperties?["caller"]));
        Assert.Equal("auto", options.ModelId);
    }
}
