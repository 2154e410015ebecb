using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Locus.Core.Abstractions;
using Locus.Privacy.Detectors;
using Locus.Routing.Pipeline;
using Locus.Routing.Signals;
using Locus.Routing.Targets;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Tests.Pipeline;

/// <summary>
/// The redaction step on a cloud target: nothing planted in any text of the request reaches the target, and the
/// originals come back in the answer's tool calls, whole or streamed in pieces that split placeholders.
/// </summary>
public sealed class RedactionPipelineTests
{
    private const string Email = "jane.doe@example.com";
    private const string Password = "Tr0ub\\4dor&3x\\n!Q";

    private readonly ReplyingClient _cloud = new();

    private RedactingChatClient Redacting() => new RedactingChatClient(_cloud, SensitivityScanner.Create());

    private TargetChatOptions Options(ChatOptions? options = null, Observer? observer = null) => new TargetChatOptions(options, new TargetCall
    {
        Target = new RouteTarget(RouterFixture.CloudTarget("cloud"), _cloud),
        Label = "cloud",
        Redact = true,
        Observer = observer ?? new Observer(),
    });

    /// <summary>Everything the target was sent: every text the scan reads, plus the raw JSON of schemas and arguments.</summary>
    private string Sent()
    {
        var (messages, options) = Assert.Single(_cloud.Requests);
        var all = new StringBuilder(RoutingInput.From(messages, options).ScannedText);
        foreach (var tool in options?.Tools?.OfType<AIFunctionDeclaration>() ?? [])
        {
            all.Append(tool.JsonSchema.GetRawText()).Append(tool.Description);
        }

        if (options?.ResponseFormat is ChatResponseFormatJson json)
        {
            all.Append(json.Schema?.GetRawText()).Append(json.SchemaName).Append(json.SchemaDescription);
        }

        foreach (var content in messages.SelectMany(m => m.Contents))
        {
            all.Append(content switch
            {
                FunctionCallContent c => JsonSerializer.Serialize(c.Arguments, AIJsonUtilities.DefaultOptions),
                FunctionResultContent r => JsonSerializer.Serialize(r.Result, AIJsonUtilities.DefaultOptions),
                _ => "",
            });
        }

        return all.ToString();
    }

    [Theory]
    [MemberData(nameof(RequestPrivacyTests.Places), MemberType = typeof(RequestPrivacyTests))]
    public async Task Stream_EmailInOnePlace_TargetNeverSeesIt(string place)
    {
        var (messages, options) = RequestPrivacyTests.Request(place);
        var observer = new Observer();

        await foreach (var _ in Redacting().GetStreamingResponseAsync(messages, Options(options, observer)))
        {
        }

        var sent = Sent();
        Assert.DoesNotContain(Email, sent, StringComparison.Ordinal);
        Assert.DoesNotContain(Email.Replace("@", "\\u0040", StringComparison.Ordinal), sent, StringComparison.Ordinal);
        Assert.Equal(1, observer.Values);
        // The target's own steps still find the attempt in the options.
        Assert.NotNull(TargetChatOptions.CallOf(_cloud.Requests[0].Options));
    }

    [Fact]
    public async Task Stream_OptionsWithoutSecrets_SentUnchanged()
    {
        var tools = new ChatOptions { Tools = [AIFunctionFactory.CreateDeclaration("f", "Adds", JsonDocument.Parse("""{"type":"object"}""").RootElement)], StopSequences = ["END"] };
        var options = Options(tools);

        await foreach (var _ in Redacting().GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")], options))
        {
        }

        Assert.Same(options, _cloud.Requests[0].Options);
    }

    [Fact]
    public async Task Stream_ValueLabelledInMessageBareInStopAndEnum_ReplacedEverywhere()
    {
        const string secret = "Zq8vKw3mR2xT9p";
        var options = new ChatOptions
        {
            StopSequences = [secret],
            Tools = [AIFunctionFactory.CreateDeclaration("login", "Logs in", JsonDocument.Parse("""{"type":"object","properties":{"pw":{"enum":["@@"]}}}""".Replace("@@", secret, StringComparison.Ordinal)).RootElement)],
        };

        await foreach (var _ in Redacting().GetStreamingResponseAsync([new ChatMessage(ChatRole.User, $"DB_PASSWORD={secret}")], Options(options)))
        {
        }

        var sent = _cloud.Requests[0].Options!;
        Assert.Equal(["<PASSWORD_1>"], sent.StopSequences!);
        Assert.Contains("<PASSWORD_1>", ((AIFunctionDeclaration)sent.Tools![0]).JsonSchema.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, Sent(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_ToolCallPiecesSplittingPlaceholders_RestoredJsonEscapedAndWholeCallRestored()
    {
        const string arguments = """{"to":"<EMAIL_1>","note":"pw <PASSWORD_1>"}""";
        _cloud.Reply = () => Pieces(arguments, 3);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in Redacting().GetStreamingResponseAsync(History(), Options()))
        {
            updates.Add(update);
        }

        var pieces = updates.SelectMany(u => u.Contents).OfType<ToolCallDeltaContent>().ToList();
        Assert.All(pieces, p => Assert.Equal(0, p.Index));
        Assert.Equal(("call_9", "send_message"), (pieces[0].CallId, pieces[0].Name));
        var streamed = string.Concat(pieces.Select(p => p.ArgumentsDelta));
        using (var parsed = JsonDocument.Parse(streamed))
        {
            Assert.Equal(Email, parsed.RootElement.GetProperty("to").GetString());
            Assert.Equal("pw " + Password, parsed.RootElement.GetProperty("note").GetString());
        }

        var whole = Assert.Single(updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>());
        Assert.Equal(Email, ((JsonElement)whole.Arguments!["to"]!).GetString());
        Assert.Equal("pw " + Password, ((JsonElement)whole.Arguments["note"]!).GetString());
        // Every piece comes before the whole call.
        var all = updates.SelectMany(u => u.Contents).ToList();
        Assert.True(all.FindLastIndex(c => c is ToolCallDeltaContent) < all.IndexOf(whole));
    }

    [Fact]
    public async Task Stream_PlaceholderAtTheEndOfTheLastPiece_ReleasedBeforeTheWholeCall()
    {
        // A producer may end a call's pieces mid-placeholder-lookalike; the held text must come out before the call.
        _cloud.Reply = () =>
        [
            new ChatResponseUpdate(ChatRole.Assistant, [new ToolCallDeltaContent(0) { CallId = "c", Name = "f", ArgumentsDelta = "{\"to\":\"x <EMA" }]),
            new ChatResponseUpdate(ChatRole.Assistant, [new FunctionCallContent("c", "f", new Dictionary<string, object?> { ["to"] = "x <EMA" })]),
        ];

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in Redacting().GetStreamingResponseAsync(History(), Options()))
        {
            updates.Add(update);
        }

        var contents = updates.SelectMany(u => u.Contents).ToList();
        Assert.Equal("{\"to\":\"x <EMA", string.Concat(contents.OfType<ToolCallDeltaContent>().Select(p => p.ArgumentsDelta)));
        Assert.IsType<FunctionCallContent>(contents[^1]);
    }

    [Fact]
    public async Task Response_ToolCallWithNestedPlaceholders_ArgumentsRestored()
    {
        _cloud.Reply = () =>
        [
            new ChatResponseUpdate(ChatRole.Assistant, [new FunctionCallContent("c", "send_message", new Dictionary<string, object?>
            {
                ["to"] = "<EMAIL_1>",
                ["meta"] = JsonDocument.Parse("""{"cc":["<EMAIL_1>"],"auth":{"pw":"<PASSWORD_1>"}}""").RootElement.Clone(),
            })]),
        ];

        var response = await Redacting().GetResponseAsync(History(), Options());

        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal(Email, call.Arguments!["to"]);
        var meta = (JsonElement)call.Arguments["meta"]!;
        Assert.Equal(Email, meta.GetProperty("cc")[0].GetString());
        Assert.Equal(Password, meta.GetProperty("auth").GetProperty("pw").GetString());
    }

    [Fact]
    public async Task Stream_TextSplitPlaceholder_Restored()
    {
        _cloud.Reply = () => [new ChatResponseUpdate(ChatRole.Assistant, "Mailed <EM"), new ChatResponseUpdate(ChatRole.Assistant, "AIL_1>.")];

        var text = new StringBuilder();
        await foreach (var update in Redacting().GetStreamingResponseAsync(History(), Options()))
        {
            text.Append(update.Text);
        }

        Assert.Equal($"Mailed {Email}.", text.ToString());
    }

    /// <summary>A conversation whose tool call carries the email and whose tool result carries the password.</summary>
    private static List<ChatMessage> History() =>
    [
        new(ChatRole.User, "Send the credentials, please."),
        new(ChatRole.Assistant, [new FunctionCallContent("call_1", "lookup", new Dictionary<string, object?> { ["who"] = Email })]),
        new(ChatRole.Tool, [new FunctionResultContent("call_1", $"DB_PASSWORD={Password}")]),
    ];

    /// <summary>A tool call streamed as a producer does: an opening piece, argument pieces, then the whole call.</summary>
    private static List<ChatResponseUpdate> Pieces(string arguments, int size)
    {
        var updates = new List<ChatResponseUpdate> { new(ChatRole.Assistant, [new ToolCallDeltaContent(0) { CallId = "call_9", Name = "send_message" }]) };
        for (var i = 0; i < arguments.Length; i += size)
        {
            updates.Add(new ChatResponseUpdate(ChatRole.Assistant, [new ToolCallDeltaContent(0) { ArgumentsDelta = arguments.Substring(i, Math.Min(size, arguments.Length - i)) }]));
        }

        using var document = JsonDocument.Parse(arguments);
        var parsed = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());
        updates.Add(new ChatResponseUpdate(ChatRole.Assistant, [new FunctionCallContent("call_9", "send_message", parsed)]) { FinishReason = ChatFinishReason.ToolCalls });
        return updates;
    }

    private sealed class Observer : IAttemptObserver
    {
        public int Values { get; private set; }

        public void Note(string signal, string detail)
        {
        }

        public void Redacted(int values) => Values = values;
    }

    /// <summary>A target that records what it is sent and answers with scripted updates.</summary>
    private sealed class ReplyingClient : IChatClient
    {
        public Func<List<ChatResponseUpdate>> Reply { get; set; } = () => [new ChatResponseUpdate(ChatRole.Assistant, "ok")];

        public List<(List<ChatMessage> Messages, ChatOptions? Options)> Requests { get; } = [];

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Requests.Add((messages.ToList(), options));
            await Task.Yield();
            foreach (var update in Reply())
            {
                yield return update;
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
