using Locus.Core.Abstractions;
using Locus.Core.Errors;
using Locus.Routing.Policy;
using Locus.Routing.Requests;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Tests;

/// <summary>
/// Context fit: a prompt that fits the local model with max_tokens beyond its room stays local and is clamped; a
/// prompt that does not fit goes where it fits (counted by the local tokenizer, estimated elsewhere), or is refused
/// with the numbers; privacy still wins.
/// </summary>
public sealed class ContextFitTests : IAsyncLifetime
{
    private readonly RouterFixture _fixture = new();

    public Task InitializeAsync() => _fixture.OpenLedgerAsync();

    public Task DisposeAsync() => _fixture.CloseLedgerAsync();

    private RouteDecision Decide(string prompt, RequestContext? context = null, ChatOptions? options = null) =>
        _fixture.Build().Explain(RouterFixture.Ask(prompt), options, context ?? new RequestContext());

    private static string Reasons(RouteDecision d) => string.Join("; ", d.Reasons.Select(r => r.ToString()));

    [Fact]
    public void Decide_MaxTokensBeyondLocalContext_StaysLocalAndSaysItIsLowered()
    {
        _fixture.LocalBackend = new CountingBackend(_fixture.Local, 0.25);

        var d = Decide(Prompts.Simple, options: new ChatOptions { MaxOutputTokens = 64_000 });

        Assert.Null(d.Refusal);
        Assert.Equal((RouteTier.Local, "local"), (d.Tier, d.Target));
        var room = 2048 - (int)Math.Ceiling(Prompts.Simple.Length * 0.25) - 4;
        Assert.Contains(d.Reasons, r => r.Signal == "context" && r.Detail.Contains($"max_tokens 64,000", StringComparison.Ordinal)
            && r.Detail.Contains($"lowered to {room:N0}", StringComparison.Ordinal));
    }

    [Fact]
    public void Decide_MaxTokensWithinLocalContext_NoContextReason()
    {
        _fixture.LocalBackend = new CountingBackend(_fixture.Local, 0.25);

        var d = Decide(Prompts.Simple, options: new ChatOptions { MaxOutputTokens = 100 });

        Assert.Equal(RouteTier.Local, d.Tier);
        Assert.DoesNotContain(d.Reasons, r => r.Signal == "context");
    }

    [Fact]
    public void Decide_LocalTokenizerCountsPromptBeyondContext_GoesToCloudWithCountedReason()
    {
        // The estimate (~3.5 characters a token) would fit; the local tokenizer's own count (2 tokens a character) does not.
        var prompt = new string('a', 1500);
        _fixture.LocalBackend = new CountingBackend(_fixture.Local, 2);

        var d = Decide(prompt);

        Assert.Equal((RouteTier.Cloud, "cloud"), (d.Tier, d.Target));
        Assert.Contains(d.Reasons, r => r.Signal == "context" && r.Detail.Contains("3,004 tokens (counted)", StringComparison.Ordinal)
            && r.Detail.Contains("local's 2,048-token context", StringComparison.Ordinal));
    }

    [Fact]
    public void Decide_LocalTokenizerCountsLessThanEstimate_StaysLocal()
    {
        // The estimate (~3,000 tokens) would not fit; the local tokenizer's count (600) does.
        var prompt = new string('a', 10_000);
        _fixture.LocalBackend = new CountingBackend(_fixture.Local, 0.06);

        var d = Decide(prompt);

        Assert.Equal(RouteTier.Local, d.Tier);
        Assert.DoesNotContain(d.Reasons, r => r.Signal == "context");
    }

    [Fact]
    public void Decide_PromptFitsNoTarget_RefusedWithPromptTokensAndLargestContext()
    {
        // ~143,000 tokens by the estimate: beyond the clouds' 128,000 as well as the local 2,048.
        var prompt = new string('a', 500_000);
        _fixture.LocalBackend = new CountingBackend(_fixture.Local, 0.25);

        var d = Decide(prompt);

        Assert.Equal(RouteTier.None, d.Tier);
        Assert.Equal((LocusErrorKind.ContextOverflow, "context_length_exceeded"), (d.Refusal?.Kind, d.Refusal?.Code));
        Assert.Contains("125,004 tokens", d.Refusal!.Message, StringComparison.Ordinal);
        Assert.Contains("128,000 tokens ('cloud')", d.Refusal.Message, StringComparison.Ordinal);
        Assert.Contains("cloud", Reasons(d), StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_LocalOnlyPromptBeyondLocalContext_RefusedNeverCloud()
    {
        var prompt = new string('a', 1500);
        _fixture.LocalBackend = new CountingBackend(_fixture.Local, 2);

        var d = Decide(prompt, new RequestContext(Privacy: PrivacyMarking.LocalOnly));

        Assert.Equal(RouteTier.None, d.Tier);
        Assert.Equal("context_length_exceeded", d.Refusal?.Code);
        Assert.Contains("3,004 tokens", d.Refusal!.Message, StringComparison.Ordinal);
        Assert.Contains("2,048 tokens ('local", d.Refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_PinnedLocalTargetTooSmall_RefusedWithNumbers()
    {
        _fixture.LocalBackend = new CountingBackend(_fixture.Local, 2);

        var d = Decide(new string('a', 1500), new RequestContext(RequestedModel: "local"));

        Assert.Equal("context_length_exceeded", d.Refusal?.Code);
        Assert.Contains("3,004 tokens", d.Refusal!.Message, StringComparison.Ordinal);
        Assert.Contains("2,048 tokens ('local')", d.Refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_MaxTokensBeyondCloudContext_CloudIsNoCandidate()
    {
        // A cloud provider refuses prompt + max_tokens beyond its context, so it must have the whole of it.
        _fixture.LocalBackend = new CountingBackend(_fixture.Local, 2);

        var d = Decide(new string('a', 1500), options: new ChatOptions { MaxOutputTokens = 200_000 });

        Assert.Equal("context_length_exceeded", d.Refusal?.Code);
        Assert.Contains("or lower max_tokens", d.Refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_RawPromptHardWork_OnlyTargetsThatCompleteRawText()
    {
        _fixture.LocalBackend = new CountingBackend(_fixture.Local, 0.25);
        var raw = new ChatOptions { AdditionalProperties = new() { [LocusChatOptions.RawPrompt] = true } };

        var d = Decide(Prompts.Hard, options: raw);

        Assert.Equal((RouteTier.Local, "local"), (d.Tier, d.Target));
        Assert.Contains("cloud cannot complete a raw prompt", Reasons(d), StringComparison.Ordinal);
        Assert.Empty(d.Fallbacks);
    }

    [Fact]
    public void Decide_RawPromptAndNoTargetCompletesRawText_RefusedUnsupportedModel()
    {
        var raw = new ChatOptions { AdditionalProperties = new() { [LocusChatOptions.RawPrompt] = true } };

        var d = Decide(Prompts.Simple, options: raw);

        Assert.Equal(("unsupported_model", "model"), (d.Refusal?.Code, d.Refusal?.Param));
        Assert.Contains("raw prompt", d.Refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Complete_RawPromptThroughRouteCall_RunsRawOnLocalAndWritesARow()
    {
        var backend = new CountingBackend(_fixture.Local, 0.25);
        _fixture.LocalBackend = backend;
        var call = _fixture.Build().Route(new RequestContext());

        var response = await call.CompleteAsync("Once upon a time", new ChatOptions { MaxOutputTokens = 8 });

        Assert.Equal("ok: raw Once upon a time", response.Text);
        Assert.Equal(["Once upon a time"], backend.RawPrompts);
        Assert.DoesNotContain(_fixture.Local.Calls, c => c[^1].Text == "Once upon a time");
        Assert.Equal((RouteTier.Local, "local"), (call.Result!.Tier, call.Result.Target));
        var row = Assert.Single(await _fixture.Ledger!.RecentAsync(5));
        Assert.Equal((1, "local", "ok"), (row.Tier, row.Target, row.Outcome));
    }

    [Fact]
    public async Task Stream_LocalClampsMaxTokens_ResultAtFirstUpdateAndRowShowTheClamp()
    {
        _fixture.LocalBackend = new CountingBackend(_fixture.Local, 0.25);
        var call = _fixture.Build().Route(new RequestContext());
        MaxTokensClamp? atFirst = null;
        var first = true;

        await foreach (var _ in call.GetStreamingResponseAsync(RouterFixture.Ask(Prompts.Simple), new ChatOptions { MaxOutputTokens = 64_000 }))
        {
            if (first)
            {
                atFirst = call.Result?.MaxTokensClamp;
                first = false;
            }
        }

        var granted = 2048 - (int)Math.Ceiling(Prompts.Simple.Length * 0.25) - 4;
        Assert.Equal(new MaxTokensClamp(64_000, granted), atFirst);
        var row = Assert.Single(await _fixture.Ledger!.RecentAsync(5));
        Assert.Equal((64_000, granted), (row.MaxTokensAsked, row.MaxTokensGranted));
    }
}
