using System.Diagnostics;
using System.Text.Json;
using Locus.Core.Abstractions;
using Locus.Core.Errors;
using Locus.Providers.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Locus.Providers.Tests.Conformance;

/// <summary>
/// The behaviour every provider kind must show, run against <see cref="UpstreamServer"/> speaking that kind's
/// protocol. Subclasses name the kind and check the protocol-specific wire details.
/// </summary>
public abstract partial class ProviderConformanceTests : IAsyncLifetime
{
    protected const string Key = "sk-test-0123456789abcdef";

    private readonly List<IChatClient> clients = [];

    protected UpstreamServer Server { get; private set; } = null!;

    internal CapturedLogs Logs { get; } = new();

    protected abstract ProviderKind Kind { get; }

    public async Task InitializeAsync() => Server = await UpstreamServer.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }

        await Server.DisposeAsync();
    }

    internal static AIFunctionDeclaration WeatherTool { get; } = AIFunctionFactory.CreateDeclaration(
        "get_weather",
        "Current weather for a city",
        JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""").RootElement);

    /// <summary>System prompt, a question, the assistant's tool call, the tool's result, a follow-up.</summary>
    internal static List<ChatMessage> Conversation =>
    [
        new(ChatRole.System, "Be brief."),
        new(ChatRole.User, "Weather in Paris?"),
        new(ChatRole.Assistant, [new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris" })]),
        new(ChatRole.Tool, [new FunctionResultContent("call_1", "sunny, 21 C")]),
        new(ChatRole.User, "Thanks. And tomorrow?"),
    ];

    /// <summary>A stream body that stops before the protocol's end marker.</summary>
    protected abstract string TruncatedStream { get; }

    /// <summary>The API key as this protocol carries it, from the recorded request.</summary>
    protected abstract string? SentApiKey(RecordedRequest request);

    /// <summary>Checks the request body <see cref="Conversation"/> produced, with its options.</summary>
    protected abstract void AssertConversationWireFormat(RecordedRequest request, JsonElement body);

    protected abstract void AssertStreamingRequest(JsonElement body);

    protected IChatClient Client(Func<ProviderOptions, ProviderOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new ProviderOptions
        {
            Name = "test-target",
            Kind = Kind,
            BaseUrl = Server.BaseUrl,
            Model = "upstream-model",
            Timeout = TimeSpan.FromSeconds(20),
            IdleTimeout = TimeSpan.FromSeconds(20),
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        };
        var client = ChatProviders.Create(configure?.Invoke(options) ?? options, loggerFactory: Logs, time: time);
        clients.Add(client);
        return client;
    }

    protected static async Task<ChatResponse> AskAsync(IChatClient client, List<ChatMessage> messages, bool stream, ChatOptions? options = null) =>
        stream
            ? (await Chat.CollectAsync(client.GetStreamingResponseAsync(messages, options))).ToChatResponse()
            : await client.GetResponseAsync(messages, options);
}
