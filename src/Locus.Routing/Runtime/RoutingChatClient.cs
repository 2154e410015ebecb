using Locus.Routing.Requests;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Runtime;

/// <summary>
/// The router as a plain <see cref="IChatClient"/>, for callers with no request context of their own: each request
/// is routed as the default client, for the model id in its options (the auto model, or a target by name).
/// </summary>
internal sealed class RoutingChatClient(LocusRouter router) : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Route(options).GetResponseAsync(messages, options, cancellationToken);

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Route(options).GetStreamingResponseAsync(messages, options, cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : serviceKey is null && serviceType == typeof(LocusRouter) ? router
        : null;

    public void Dispose()
    {
    }

    private RouteCall Route(ChatOptions? options) => router.Route(new RequestContext(RequestedModel: options?.ModelId));
}
