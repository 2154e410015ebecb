using Locus.Routing.Policy;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Runtime;

/// <summary>The router as an <see cref="IChatClient"/>: decide, then run on the chosen target with fallbacks.</summary>
internal sealed class RoutingChatClient(LocusRouter router) : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Begin(messages, options).RunAsync(cancellationToken);

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Begin(messages, options).StreamAsync(cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : serviceKey is null && serviceType == typeof(LocusRouter) ? router
        : null;

    public void Dispose()
    {
    }

    private RouteExecution Begin(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var ticket = RouteTicket.From(options) ?? new RouteTicket(new RequestContext(RequestedModel: options?.ModelId));
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        return new RouteExecution(router, router.Snapshot, list, options, ticket);
    }
}
