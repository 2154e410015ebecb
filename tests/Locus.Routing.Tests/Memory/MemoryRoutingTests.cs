using Locus.Core.Abstractions;
using Locus.Core.Errors;
using Locus.Ledger;
using Locus.Routing.Memory;
using Locus.Routing.Options;
using Locus.Routing.Policy;
using Locus.Routing.Requests;
using Locus.Routing.Runtime;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Tests.Memory;

/// <summary>
/// Memory through the router over scripted backends: what each target step actually received (on-device: every
/// selected document; off-device: only cloud-scoped ones), across fallbacks, escalations and ensembles.
/// </summary>
public sealed class MemoryRoutingTests : IAsyncLifetime
{
    private readonly RouterFixture _fixture = new();

    public async Task InitializeAsync()
    {
        await _fixture.OpenLedgerAsync();
        _fixture.Memory = MemoryDocs.Source(MemoryDocs.Secret, MemoryDocs.Notes);
        _fixture.Config = _fixture.Config with { Memory = new MemoryOptions { Inject = MemoryInjectMode.Always } };
    }

    public Task DisposeAsync() => _fixture.CloseLedgerAsync();

    private static string Sent(IReadOnlyList<ChatMessage> call) => string.Join("\n", call.Select(m => m.Text));

    private static void AssertGotBoth(IReadOnlyList<ChatMessage> call)
    {
        Assert.Contains(MemoryDocs.PrivateMarker, Sent(call), StringComparison.Ordinal);
        Assert.Contains(MemoryDocs.CloudMarker, Sent(call), StringComparison.Ordinal);
    }

    private static void AssertGotOnlyShareable(IReadOnlyList<ChatMessage> call)
    {
        Assert.DoesNotContain(MemoryDocs.PrivateMarker, Sent(call), StringComparison.Ordinal);
        Assert.Contains(MemoryDocs.CloudMarker, Sent(call), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_LocalDecision_LocalTargetGetsEveryDocumentAndReasonNamesThemWithoutText()
    {
        var options = new ChatOptions();
        var call = _fixture.Build().Route(new RequestContext());
        await call.GetResponseAsync(RouterFixture.Ask(Prompts.Simple), options);

        Assert.Equal("local", call.Result!.Target);
        AssertGotBoth(_fixture.Local.Calls.Single());
        var reasons = call.Result!.ReasonHeader();
        Assert.Contains("memory: injected 2 documents (secret-project, notes) locally (local)", reasons, StringComparison.Ordinal);
        Assert.DoesNotContain(MemoryDocs.PrivateMarker, reasons, StringComparison.Ordinal);
        Assert.DoesNotContain(MemoryDocs.CloudMarker, reasons, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_CloudDecision_CloudGetsOnlyCloudScopedAndReasonSaysWithheld()
    {
        var options = new ChatOptions();
        var call = _fixture.Build().Route(new RequestContext());
        await call.GetResponseAsync(RouterFixture.Ask(Prompts.Hard), options);

        Assert.Equal((RouteTier.Cloud, "cloud"), (call.Result!.Tier, call.Result!.Target));
        AssertGotOnlyShareable(_fixture.Cloud.Calls.Single());
        Assert.Contains("memory: injected 1 document (notes) into cloud; 1 withheld from cloud target cloud by policy", call.Result!.ReasonHeader(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_LocalFailsThenFallsBackToCloud_CloudStepGetsNoPrivateDocument()
    {
        _fixture.Local.FailBeforeFirst = new LocusException(new LocusError(LocusErrorKind.Overloaded, "busy"));
        var options = new ChatOptions();
        var call = _fixture.Build().Route(new RequestContext());
        await call.GetStreamingResponseAsync(RouterFixture.Ask(Prompts.Simple), options).ToListAsync();

        Assert.Equal("cloud", call.Result!.Target);
        AssertGotBoth(_fixture.Local.Calls.Single());
        AssertGotOnlyShareable(_fixture.Cloud.Calls.Single());
    }

    [Fact]
    public async Task Run_CascadeEscalates_LocalHadEveryDocumentCloudOnlyShareable()
    {
        _fixture.Local.Confidence = new GenerationConfidence(12, Math.Log(0.1), Math.Log(0.05), 3.0);
        var options = new ChatOptions();
        var call = _fixture.Build(r => r with { Cascade = new CascadeOptions { MinConfidence = 0.55 } }).Route(new RequestContext());
        await call.GetResponseAsync(RouterFixture.Ask(Prompts.Simple), options);

        Assert.Equal("cloud", call.Result!.Target);
        AssertGotBoth(_fixture.Local.Calls.Single());
        AssertGotOnlyShareable(_fixture.Cloud.Calls.Single());
    }

    [Fact]
    public async Task Run_Ensemble_EveryMemberGetsEveryDocument()
    {
        var options = new ChatOptions();
        var call = _fixture.Build().Route(new RequestContext());
        await call.GetResponseAsync(RouterFixture.Ask(Prompts.Medium), options);

        Assert.Equal(RouteTier.Ensemble, call.Result!.Tier);
        AssertGotBoth(_fixture.Local.Calls.Single());
        AssertGotBoth(_fixture.Local2.Calls.Single());
        Assert.Empty(_fixture.Cloud.Calls);
    }

    [Fact]
    public async Task Run_EnsembleDisagreesAndEscalates_MembersHadEveryDocumentCloudOnlyShareable()
    {
        _fixture.Local.Reply = (_, _) => "The light scatters off small molecules, blue most of all, across the whole sky.";
        _fixture.Local2.Reply = (_, _) => "Ocean reflections paint it; sunsets differ because dust settles at dusk.";
        var options = new ChatOptions();
        var call = _fixture.Build().Route(new RequestContext());
        await call.GetResponseAsync(RouterFixture.Ask(Prompts.Medium), options);

        Assert.Equal((RouteTier.Cloud, "cloud"), (call.Result!.Tier, call.Result!.Target));
        AssertGotBoth(_fixture.Local.Calls.Single());
        AssertGotBoth(_fixture.Local2.Calls.Single());
        AssertGotOnlyShareable(_fixture.Cloud.Calls.Single());
    }

    [Fact]
    public void Explain_WithMemory_PromptEstimateCountsInjectedTextButComplexityDoesNot()
    {
        var with = _fixture.Build().Explain(RouterFixture.Ask(Prompts.Simple), null, new RequestContext());
        var without = _fixture.Build().Explain(RouterFixture.Ask(Prompts.Simple), null, new RequestContext(Memory: MemoryRequest.None));

        Assert.Equal(MemoryBlock.EstimateTokens([MemoryDocs.Secret, MemoryDocs.Notes]), with.EstimatedPromptTokens - without.EstimatedPromptTokens);
        Assert.Equal(without.Complexity, with.Complexity);
        Assert.Contains(with.Reasons, r => r.Signal == "memory" && r.Detail.StartsWith("2 documents selected (secret-project, notes)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_MemoryTooBigForLocalContext_DecidedForCloudWhichGetsNoPrivateDocument()
    {
        // ~1,900 tokens of private memory plus the prompt and answer exceed the local targets' 2,048-token context.
        var big = MemoryDocs.Sized("big-private", 1900, MemoryScope.Devices);
        _fixture.Memory = MemoryDocs.Source(big, MemoryDocs.Notes);
        _fixture.Config = _fixture.Config with { Memory = new MemoryOptions { Inject = MemoryInjectMode.Always, MaxTokens = 4000 } };
        var options = new ChatOptions();
        var call = _fixture.Build().Route(new RequestContext());
        await call.GetResponseAsync(RouterFixture.Ask(Prompts.Simple), options);

        Assert.Equal((RouteTier.Cloud, "cloud"), (call.Result!.Tier, call.Result!.Target));
        Assert.Empty(_fixture.Local.Calls);
        var sent = Sent(_fixture.Cloud.Calls.Single());
        Assert.DoesNotContain(big.Text, sent, StringComparison.Ordinal);
        Assert.Contains(MemoryDocs.CloudMarker, sent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_CloudDocumentCarriesEmail_RedactedBeforeItLeaves()
    {
        const string email = "maria.garcia42@example.org";
        _fixture.Memory = MemoryDocs.Source(new MemoryDocument("n", "contacts", $"Accountant: {email}.", MemoryScope.Cloud));
        var options = new ChatOptions();
        var call = _fixture.Build().Route(new RequestContext());
        await call.GetResponseAsync(RouterFixture.Ask(Prompts.Hard), options);

        Assert.Equal("cloud", call.Result!.Target);
        Assert.True(call.Result!.Decision!.Redact);
        Assert.True(call.Result!.Redactions >= 1);
        var sent = Sent(_fixture.Cloud.Calls.Single());
        Assert.DoesNotContain(email, sent, StringComparison.Ordinal);
        Assert.Contains("memory document: contacts", sent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_LedgerWithoutStorePrompts_RowHasMemoryReasonsButNoMemoryText()
    {
        var options = new ChatOptions();
        var call = _fixture.Build().Route(new RequestContext());
        await call.GetResponseAsync(RouterFixture.Ask(Prompts.Hard), options);

        var row = (await _fixture.Ledger!.RecentAsync(1)).Single();
        var stored = string.Join("\n", row.Reasons) + row.Prompt;
        Assert.Contains("memory:", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(MemoryDocs.PrivateMarker, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(MemoryDocs.CloudMarker, stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_InjectNever_NoTargetGetsMemory()
    {
        _fixture.Config = _fixture.Config with { Memory = new MemoryOptions { Inject = MemoryInjectMode.Never } };
        var options = new ChatOptions();
        var call = _fixture.Build().Route(new RequestContext());
        await call.GetResponseAsync(RouterFixture.Ask(Prompts.Hard), options);

        var sent = _fixture.Cloud.Calls.Single();
        Assert.DoesNotContain(sent, m => m.Role == ChatRole.System);
        Assert.DoesNotContain(call.Result!.Reasons, r => r.Signal == "memory");
    }
}
