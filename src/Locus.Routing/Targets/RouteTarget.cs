using Locus.Core.Abstractions;
using Locus.Routing.Options;
using Locus.Routing.Signals;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Targets;

/// <summary>A configured target with its live backend, measurements and health.</summary>
public sealed class RouteTarget
{
    /// <summary>Context assumed for remote targets that do not state one.</summary>
    public const int DefaultRemoteContext = 128_000;

    public RouteTarget(TargetOptions options, IChatClient client, int? contextLength = null, TargetStats? stats = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(client);
        Options = options;
        Client = client;
        Load = client.GetService(typeof(ILoadInfo)) as ILoadInfo;
        Health = client.GetService(typeof(ITargetHealth)) as ITargetHealth;
        TokenCounter = client.GetService(typeof(ITokenCounter)) as ITokenCounter;
        TextCompletion = client.GetService(typeof(ITextCompletionClient)) as ITextCompletionClient;
        ContextLength = options.ContextLength ?? contextLength ?? Load?.ContextLength ?? DefaultRemoteContext;
        Stats = stats ?? new TargetStats(options.OnDevice);
    }

    public string Name => Options.Name;

    public bool OnDevice => Options.OnDevice;

    public TargetOptions Options { get; }

    public IChatClient Client { get; }

    public int ContextLength { get; }

    public TargetStats Stats { get; }

    public ILoadInfo? Load { get; }

    public ITargetHealth? Health { get; }

    /// <summary>The backend's own tokenizer (local models), for exact prompt sizes near a context limit; null: estimate.</summary>
    public ITokenCounter? TokenCounter { get; }

    /// <summary>Raw text completion (<c>/v1/completions</c>), when the backend does it; null: not a candidate for raw prompts.</summary>
    public ITextCompletionClient? TextCompletion { get; }

    /// <summary>
    /// Whether the target lowers a <c>max_tokens</c> beyond its context's room instead of refusing: Locus's own models
    /// (and peers, which are Locus nodes) do; a cloud provider refuses prompt plus max_tokens beyond its context.
    /// </summary>
    public bool ClampsMaxTokens => Options.Kind is TargetKind.Llama or TargetKind.Peer;

    public TargetHealthState HealthNow => Health?.Current ?? TargetHealthState.Healthy;
}
