using System.Text.Json;
using Locus.Routing.Options;
using Locus.Routing.Policy;
using Locus.Routing.Requests;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Tests.Pipeline;

/// <summary>
/// The privacy scan reads every text a request carries, not only its messages' text: a secret in a tool's schema, a
/// tool call's arguments, a tool result, a stop sequence, an author name or the response format puts the policy into
/// force as one in a message does.
/// </summary>
public sealed class RequestPrivacyTests
{
    private const string Email = "jane.doe@example.com";

    private readonly RouterFixture _fixture = new();

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    /// <summary>JSON text with <see cref="Email"/> where "@@" stands.</summary>
    private static string Text(string template) => template.Replace("@@", Email, StringComparison.Ordinal);

    private static JsonElement Planted(string template) => Json(Text(template));

    private static AIFunctionDeclaration Tool(string schema, string description = "Sends a message") =>
        AIFunctionFactory.CreateDeclaration("send_message", description, Json(schema));

    /// <summary>A request (hard work, so it wants the cloud) with <see cref="Email"/> in exactly one place.</summary>
    public static TheoryData<string> Places() =>
    [
        "tool description", "schema description", "schema enum", "schema default", "schema examples", "schema title",
        "schema property name", "schema nested deep", "call argument", "call argument nested", "call argument name",
        "tool result text", "tool result json", "stop sequence", "author name", "response schema", "response schema name",
        "response schema description", "instructions",
    ];

    internal static (List<ChatMessage> Messages, ChatOptions Options) Request(string place)
    {
        var messages = new List<ChatMessage> { new(ChatRole.User, Prompts.Hard) };
        var options = new ChatOptions();
        switch (place)
        {
            case "tool description": options.Tools = [Tool("""{"type":"object"}""", $"Sends mail from {Email}")]; break;
            case "schema description": options.Tools = [Tool(Text("""{"type":"object","properties":{"to":{"type":"string","description":"e.g. @@"}}}"""))]; break;
            case "schema enum": options.Tools = [Tool(Text("""{"type":"object","properties":{"to":{"enum":["a","@@"]}}}"""))]; break;
            case "schema default": options.Tools = [Tool(Text("""{"type":"object","properties":{"to":{"type":"string","default":"@@"}}}"""))]; break;
            case "schema examples": options.Tools = [Tool(Text("""{"type":"object","properties":{"to":{"type":"string","examples":["@@"]}}}"""))]; break;
            case "schema title": options.Tools = [Tool(Text("""{"type":"object","title":"Mail @@"}"""))]; break;
            case "schema property name": options.Tools = [Tool(Text("""{"type":"object","properties":{"@@":{"type":"string"}}}"""))]; break;
            case "schema nested deep": options.Tools = [Tool(Text("""{"type":"object","properties":{"a":{"type":"array","items":{"anyOf":[{"const":"@@"}]}}}}"""))]; break;
            case "call argument": messages.Add(Call(new() { ["to"] = Email })); break;
            case "call argument nested": messages.Add(Call(new() { ["mail"] = Planted("""{"to":[{"address":"@@"}]}""") })); break;
            case "call argument name": messages.Add(Call(new() { [Email] = true })); break;
            case "tool result text": messages.Add(Call(new() { ["to"] = "me" })); messages.Add(Result($"sent to {Email}")); break;
            case "tool result json": messages.Add(Call(new() { ["to"] = "me" })); messages.Add(Result(Planted("""{"ok":true,"cc":["@@"]}"""))); break;
            case "stop sequence": options.StopSequences = ["END", Email]; break;
            case "author name": messages[0].AuthorName = Email; break;
            case "response schema": options.ResponseFormat = ChatResponseFormat.ForJsonSchema(Planted("""{"type":"object","description":"from @@"}""")); break;
            case "response schema name": options.ResponseFormat = new ChatResponseFormatJson(Json("""{"type":"object"}"""), Email); break;
            case "response schema description": options.ResponseFormat = new ChatResponseFormatJson(Json("""{"type":"object"}"""), "answer", $"Reply to {Email}"); break;
            case "instructions": options.Instructions = $"You work for {Email}."; break;
            default: throw new ArgumentException(place, nameof(place));
        }

        return (messages, options);
    }

    private static ChatMessage Call(Dictionary<string, object?> arguments) =>
        new(ChatRole.Assistant, [new FunctionCallContent("call_1", "send_message", arguments)]);

    private static ChatMessage Result(object result) => new(ChatRole.Tool, [new FunctionResultContent("call_1", result)]);

    [Theory]
    [MemberData(nameof(Places))]
    public void Decide_EmailOnlyInOnePlaceLocalPolicy_FoundAndKeptOnDevice(string place)
    {
        var (messages, options) = Request(place);

        var d = _fixture.Build(r => r with { Privacy = PrivacyAction.Local }).Explain(messages, options, new RequestContext());

        Assert.Contains("email", d.Findings);
        Assert.NotEqual(RouteTier.Cloud, d.Tier);
        Assert.DoesNotContain(d.Fallbacks, f => f.Tier == RouteTier.Cloud);
    }

    [Theory]
    [MemberData(nameof(Places))]
    public void Decide_EmailOnlyInOnePlaceRedactPolicy_CloudRedacted(string place)
    {
        var (messages, options) = Request(place);
        // Every target can take the tools and the format: only privacy is at stake.
        _fixture.Config = _fixture.Config with { Targets = [.. _fixture.Config.Targets.Select(t => t with { SupportsTools = true })] };

        var d = _fixture.Build().Explain(messages, options, new RequestContext());

        Assert.Contains("email", d.Findings);
        Assert.True(d.Redact, string.Join("; ", d.Reasons));
    }

    [Fact]
    public void Decide_NoSecretAnywhere_NoFindings()
    {
        var (messages, options) = Request("tool result json");
        messages[^1] = Result(Json("""{"ok":true}"""));

        Assert.Empty(_fixture.Build().Explain(messages, options, new RequestContext()).Findings);
    }

    [Fact]
    public void Decide_TokenInToolNameRedactPolicy_KeptOnDeviceSinceNamesCannotBeRedacted()
    {
        var token = "ghp_" + new string('a', 10) + "Zx9Qw3Er7Ty1Ui5Op2As8Df4Gh6";
        var options = new ChatOptions { Tools = [AIFunctionFactory.CreateDeclaration(token, "Looks a repo up", Json("""{"type":"object"}"""))] };

        var d = _fixture.Build().Explain(RouterFixture.Ask(Prompts.Hard), options, new RequestContext());

        Assert.Contains("github_token", d.Findings);
        Assert.False(d.Redact);
        Assert.NotEqual(RouteTier.Cloud, d.Tier);
        Assert.Contains("tool name", string.Join(" ", d.Reasons.Select(r => r.Detail)), StringComparison.Ordinal);
    }
}
