using Locus.Core.Abstractions;
using Locus.Routing.Requests;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Runtime;

/// <summary>
/// One request through the router, bound to who asks and how (<see cref="RequestContext"/>): an
/// <see cref="IChatClient"/> for that one request, and the <see cref="RouteResult"/> the router publishes as it decides
/// and runs it. The server makes one per HTTP request and reads <see cref="Result"/> when the response headers go out.
/// As an <see cref="ITextCompletionClient"/> it routes a raw prompt (<c>/v1/completions</c>): decided as one user
/// message, run raw on a target that completes raw text.
/// </summary>
public sealed class RouteCall : IChatClient, ITextCompletionClient
{
    private readonly LocusRouter _router;
    private volatile RouteResult? _result;
    private int _started;

    internal RouteCall(LocusRouter router, RequestContext context)
    {
        _router = router;
        Context = context;
    }

    public RequestContext Context { get; }

    /// <summary>The latest result: null until the router has decided (and when the request was refused before a decision).</summary>
    public RouteResult? Result => _result;

    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Start(messages, options).RunAsync(cancellationToken);

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Start(messages, options).StreamAsync(cancellationToken);

    public Task<ChatResponse> CompleteAsync(string prompt, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Start(RawMessages(prompt), Raw(options)).RunAsync(cancellationToken);

    public IAsyncEnumerable<ChatResponseUpdate> CompleteStreamingAsync(
        string prompt, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Start(RawMessages(prompt), Raw(options)).StreamAsync(cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : serviceKey is null && serviceType == typeof(LocusRouter) ? _router
        : null;

    // The targets belong to whoever built the router's snapshot.
    public void Dispose()
    {
    }

    internal void Publish(RouteResult result) => _result = result;

    private static ChatMessage[] RawMessages(string prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return [new ChatMessage(ChatRole.User, prompt)];
    }

    /// <summary>The caller's options marked <see cref="LocusChatOptions.RawPrompt"/>, copied: the caller's stay as they were.</summary>
    private static ChatOptions Raw(ChatOptions? options)
    {
        var raw = options?.Clone() ?? new ChatOptions();
        raw.AdditionalProperties = new AdditionalPropertiesDictionary(raw.AdditionalProperties ?? []) { [LocusChatOptions.RawPrompt] = true };
        return raw;
    }

    private RouteRun Start(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("A RouteCall carries one request; ask the router for a new one (LocusRouter.Route).");
        }

        return new RouteRun(_router, _router.State, messages as IReadOnlyList<ChatMessage> ?? [.. messages], options, this);
    }
}
