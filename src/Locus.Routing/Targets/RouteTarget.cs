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

    public TargetHealthState HealthNow => Health?.Current ?? TargetHealthState.Healthy;
}
