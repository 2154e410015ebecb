using Microsoft.Extensions.AI;

namespace Locus.Routing.Pipeline;

/// <summary>
/// Wraps a client in middleware, the first step added outermost: the shape of Microsoft.Extensions.AI's
/// <c>ChatClientBuilder</c> (that package is not available here; its abstractions are).
/// </summary>
internal sealed class ChatPipelineBuilder(IChatClient inner)
{
    private readonly List<Func<IChatClient, IChatClient>> _steps = [];

    public ChatPipelineBuilder Use(Func<IChatClient, IChatClient> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        _steps.Add(step);
        return this;
    }

    /// <summary>Adds <paramref name="step"/> only when <paramref name="condition"/> holds (a step that applies to some targets only).</summary>
    public ChatPipelineBuilder UseIf(bool condition, Func<IChatClient, IChatClient> step) => condition ? Use(step) : this;

    public IChatClient Build()
    {
        var client = inner;
        for (var i = _steps.Count - 1; i >= 0; i--)
        {
            client = _steps[i](client) ?? throw new InvalidOperationException($"pipeline step {i} returned no client");
        }

        return client;
    }
}
