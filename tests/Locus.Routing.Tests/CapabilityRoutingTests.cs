using System.Text.Json;
using Locus.Routing.Options;
using Locus.Routing.Policy;
using Locus.Routing.Requests;
using Locus.Routing.Tests.Delegation;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Tests;

/// <summary>
/// Routing by what targets can do: a request that needs tools or JSON output goes only to a target that has the
/// capability, every skipped target is named in a reason with the capability it lacks, and when none has it the
/// refusal names the capability in the API's error shape.
/// </summary>
public sealed class CapabilityRoutingTests
{
    private readonly RouterFixture _fixture = new();

    private static readonly JsonElement Schema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}}}""").RootElement;

    private static ChatOptions Tools => new() { Tools = [AIFunctionFactory.CreateDeclaration("get_weather", "Weather", Schema)] };

    private static ChatOptions Json => new() { ResponseFormat = ChatResponseFormat.ForJsonSchema(Schema, "answer") };

    private static ChatOptions JsonWithoutSchema => new() { ResponseFormat = ChatResponseFormat.Json };

    /// <summary>Sets each target's capabilities: name → (tools, json schema).</summary>
    private void Capabilities(params (string Name, bool Tools, bool Json)[] targets) =>
        _fixture.Config = _fixture.Config with
        {
            Targets = [.. _fixture.Config.Targets.Select(t => targets.FirstOrDefault(c => c.Name == t.Name) is { Name: not null } c
                ? t with { SupportsTools = c.Tools, SupportsJsonSchema = c.Json }
                : t)],
        };

    private RouteDecision Decide(string prompt, ChatOptions? options, RequestContext? context = null) =>
        _fixture.Build().Explain(RouterFixture.Ask(prompt), options, context ?? new RequestContext());

    private static string Detail(RouteDecision d, string signal) => string.Join(" | ", d.Reasons.Where(r => r.Signal == signal).Select(r => r.Detail));

    [Fact]
    public void Decide_ToolsAndFastPathCallsTools_StaysLocal()
    {
        Capabilities(("local", true, true), ("local2", true, true));

        var d = Decide(Prompts.Simple, Tools);

        Assert.Equal((RouteTier.Local, "local"), (d.Tier, d.Target));
        Assert.DoesNotContain(d.Reasons, r => r.Signal == "tools");
    }

    [Fact]
    public void Decide_JsonSchemaAndFastPathCannot_GoesToCloudWithReasonNamingCapability()
    {
        Capabilities(("local", true, false));

        var d = Decide(Prompts.Simple, Json);

        Assert.Equal((RouteTier.Cloud, "cloud"), (d.Tier, d.Target));
        Assert.Equal("local cannot produce JSON schema output", Detail(d, "json_schema"));
    }

    [Fact]
    public void Decide_JsonWithoutSchemaAndFastPathCannot_AlsoNeedsTheCapability()
    {
        Capabilities(("local", true, false));

        var d = Decide(Prompts.Simple, JsonWithoutSchema);

        Assert.Equal(RouteTier.Cloud, d.Tier);
        Assert.Contains("JSON schema", Detail(d, "json_schema"), StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_JsonSchemaFirstCloudCannot_SecondCloudServesAndFirstIsNoFallback()
    {
        Capabilities(("local", true, false), ("cloud", true, false));

        var d = Decide(Prompts.Simple, Json);

        Assert.Equal((RouteTier.Cloud, "cloud2"), (d.Tier, d.Target));
        Assert.DoesNotContain(d.Fallbacks, f => f.Target is "cloud" or "local");
    }

    [Fact]
    public void Decide_JsonSchemaNoTargetCan_RefusedAsJsonSchemaUnsupportedNamingEachTarget()
    {
        Capabilities(("local", true, false), ("cloud", true, false), ("cloud2", true, false));

        var d = Decide(Prompts.Simple, Json);

        Assert.Equal("json_schema_unsupported", d.Refusal?.Code);
        Assert.Equal("response_format", d.Refusal?.Param);
        Assert.Equal(Core.Errors.LocusErrorKind.InvalidRequest, d.Refusal?.Kind);
        Assert.Contains("cloud cannot produce JSON schema output; cloud2 cannot produce JSON schema output", d.Refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_ToolsNoTargetCan_RefusedAsToolsUnsupportedNamingEachTarget()
    {
        Capabilities(("local", false, true), ("cloud", false, true), ("cloud2", false, true));

        var d = Decide(Prompts.Simple, Tools);

        Assert.Equal(("tools_unsupported", "tools"), (d.Refusal?.Code, d.Refusal?.Param));
        Assert.Contains("cloud cannot call tools; cloud2 cannot call tools", d.Refusal!.Message, StringComparison.Ordinal);
        Assert.Equal("local cannot call tools", Detail(d, "tools"));
    }

    [Fact]
    public void Decide_JsonSchemaLocalOnlyAndFastPathCannot_RefusedAsJsonSchemaUnsupported()
    {
        Capabilities(("local", true, false));

        var d = Decide(Prompts.Simple, Json, new RequestContext(Privacy: PrivacyMarking.LocalOnly));

        Assert.Equal("json_schema_unsupported", d.Refusal?.Code);
    }

    [Fact]
    public void Decide_ToolsAndJsonFastPathLacksBoth_ToolsNamedFirstAndRefusalIsTools()
    {
        Capabilities(("local", false, false));
        var options = Tools;
        options.ResponseFormat = ChatResponseFormat.Json;

        var d = Decide(Prompts.Simple, options, new RequestContext(Privacy: PrivacyMarking.LocalOnly));

        Assert.Equal("tools_unsupported", d.Refusal?.Code);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("tools")]
    public void Decide_MediumWorkNeedingToolsOrJson_EnsembleSkippedWithReason(string need)
    {
        Capabilities(("local", true, true), ("local2", true, true));

        var d = Decide(Prompts.Medium, need == "json" ? Json : Tools);

        Assert.Equal((RouteTier.Local, "local"), (d.Tier, d.Target));
        Assert.Contains(need == "json" ? "not used for JSON output" : "not used for tool calls", Detail(d, "tier"), StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_MediumWorkPlainText_StillUsesEnsemble()
    {
        Capabilities(("local", true, true), ("local2", true, true));

        Assert.Equal(RouteTier.Ensemble, Decide(Prompts.Medium, new ChatOptions { ResponseFormat = ChatResponseFormat.Text }).Tier);
    }

    [Fact]
    public void Pin_CloudWithoutJsonSchema_RefusedWithReasonNamingIt()
    {
        Capabilities(("cloud", true, false));

        var d = _fixture.Build().Explain(RouterFixture.Ask(Prompts.Simple), Json, new RequestContext(RequestedModel: "cloud"));

        Assert.Equal("json_schema_unsupported", d.Refusal?.Code);
        Assert.Contains("'cloud'", d.Refusal!.Message, StringComparison.Ordinal);
        Assert.Equal("cloud cannot produce JSON schema output", Detail(d, "json_schema"));
    }

    [Fact]
    public void Pin_LocalWithTools_ServedLocally()
    {
        Capabilities(("local", true, true));

        var d = _fixture.Build().Explain(RouterFixture.Ask(Prompts.Simple), Tools, new RequestContext(RequestedModel: "local"));

        Assert.Equal((RouteTier.Local, "local"), (d.Tier, d.Target));
    }

    [Fact]
    public void Decide_PromptOverEveryContext_ReasonAndRefusalNameTheContext()
    {
        _fixture.Config = _fixture.Config with { Targets = [.. _fixture.Config.Targets.Select(t => t.OnDevice ? t : t with { ContextLength = 1000 })] };
        var big = string.Join(' ', Enumerable.Repeat("lorem ipsum dolor", 800));

        var d = Decide(big, null);

        Assert.Equal("context_length_exceeded", d.Refusal?.Code);
        Assert.Contains("token context", Detail(d, "context"), StringComparison.Ordinal);
        Assert.Contains("1,000-token context", d.Refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_ToolSchemasCountTowardsThePrompt()
    {
        var bare = Decide(Prompts.Simple, null).EstimatedPromptTokens;
        var withTools = Decide(Prompts.Simple, Tools).EstimatedPromptTokens;

        Assert.True(withTools > bare, $"{withTools} vs {bare}");
    }

    [Fact]
    public void Decide_JsonAndLocalCannotPeerCan_DelegatedWithCapabilityReason()
    {
        var peers = new PeerFixture();
        peers.Router.Config = peers.Router.Config with
        {
            Targets = [.. peers.Router.Config.Targets.Select(t => t.Name == "local" ? t with { SupportsJsonSchema = false } : t)],
        };

        var d = peers.Build().Explain(RouterFixture.Ask(Prompts.Simple), Json, new RequestContext(Privacy: PrivacyMarking.LocalOnly));

        Assert.Equal("studio", d.Target);
        Assert.Contains("local cannot produce JSON schema output → peer studio", PeerFixture.Detail(d, "json_schema"), StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_JsonAndPeerCannotEither_PeerPassedOverWithCapabilityNamed()
    {
        var peers = new PeerFixture();
        peers.Router.Config = peers.Router.Config with
        {
            Targets = [.. peers.Router.Config.Targets.Select(t => t.OnDevice ? t with { SupportsJsonSchema = false } : t)],
        };

        var d = peers.Build().Explain(RouterFixture.Ask(Prompts.Simple), Json, new RequestContext(Privacy: PrivacyMarking.LocalOnly));

        Assert.Equal("json_schema_unsupported", d.Refusal?.Code);
        Assert.Contains("studio cannot produce JSON schema output", PeerFixture.Detail(d, "delegation"), StringComparison.Ordinal);
    }
}
