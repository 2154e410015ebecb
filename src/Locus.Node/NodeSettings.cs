using Locus.Core.Abstractions;
using Locus.Llama;
using Locus.Node.Configuration;
using Microsoft.Extensions.Logging;

namespace Locus.Node;

/// <summary>Everything needed to start a node: its config, where it came from, and the services it runs with.</summary>
public sealed record NodeSettings
{
    /// <summary>Every section of the config; without <c>targets:</c> the node serves <see cref="Models"/> as local targets.</summary>
    public required NodeConfig Config { get; init; }

    /// <summary>The config file to watch for changes (routing reloads without a restart); null: no watching.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Models to serve when the config has no <c>targets:</c> (e.g. from <c>--model</c>).</summary>
    public IReadOnlyList<LocalModelSpec> Models { get; init; } = [];

    public ILoggerFactory? Loggers { get; init; }

    /// <summary>Memory documents that <c>memory:</c> may inject into requests (the mesh's, later); null: none.</summary>
    public IMemorySource? Memory { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public IProgress<ModelLoadProgress>? LoadProgress { get; init; }

    /// <summary>Where API keys are looked up (tests substitute a dictionary).</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>
    /// This node's name in the mesh, sent to peers it delegates to (<c>x-locus-delegated</c>); default the machine name.
    /// </summary>
    public string NodeName { get; init; } = System.Environment.MachineName;

    /// <summary>What the mesh last heard from each peer (thermal headroom, load); null: peers are judged by their health alone.</summary>
    public Core.Abstractions.IPeerOutlook? Peers { get; init; }

    /// <summary>How often the config file is checked for changes.</summary>
    public TimeSpan ReloadInterval { get; init; } = TimeSpan.FromSeconds(1);
}
