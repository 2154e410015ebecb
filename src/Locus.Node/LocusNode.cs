using Locus.Core.Abstractions;
using Locus.Hardware.Fit;
using Locus.Hardware.Thermal.Live;
using Locus.Ledger;
using Locus.Ledger.Sqlite;
using Locus.Llama;
using Locus.Mesh.Node;
using Locus.Node.Mesh;
using Locus.Privacy;
using Locus.Privacy.Detectors;
using Locus.Routing.Options;
using Locus.Routing.Runtime;
using Locus.Routing.Targets;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Locus.Node;

/// <summary>
/// A running node: local models loaded, remote backends created, the ledger open, the router in front of them, and
/// the config file watched so that routing changes apply without a restart.
/// </summary>
public sealed class LocusNode : IAsyncDisposable
{
    private readonly IModelCatalog? _local;
    private readonly ConfigReloader? _reloader;
    private readonly List<IChatClient> _remotes;

    private LocusNode(NodeSettings settings, LocusRouter router, IModelCatalog? local, IUsageLedger? ledger, List<IChatClient> remotes)
    {
        Settings = settings;
        Router = router;
        Ledger = ledger;
        _local = local;
        _remotes = remotes;
        if (settings.ConfigFile is not null && settings.Config.Routing.Targets.Count > 0)
        {
            _reloader = new ConfigReloader(this, settings.ConfigFile, settings.ReloadInterval);
        }
    }

    public NodeSettings Settings { get; }

    public LocusRouter Router { get; }

    public IUsageLedger? Ledger { get; }

    /// <summary>This node's place in the person's mesh (replicated state, peers); null when <c>mesh:</c> is off.</summary>
    public MeshNode? Mesh { get; private init; }

    /// <summary>This device's thermal outlook as the router sees it; null when there is none (see <c>routing.thermal</c>).</summary>
    public LiveThermalOutlook? Thermal { get; private init; }

    public IModelCatalog Catalog => Router.Catalog;

    /// <summary>Client API keys (from <c>clients:</c>) and the client each identifies.</summary>
    public IReadOnlyList<(string Key, string Client)> ClientKeys =>
        [.. Router.Snapshot.Config.Clients.SelectMany(c => c.ApiKeys.Select(k => (k, c.Name)))];

    public static async Task<LocusNode> StartAsync(NodeSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var config = settings.Config.Routing.Targets.Count > 0 ? settings.Config.Routing : FromModels(settings);
        var ledgerSettings = settings.Config.Ledger;
        var llamaTargets = config.Targets.Where(t => t.Kind == TargetKind.Llama).ToList();
        IModelCatalog? local = null;
        // A configured embedding model loads even when every chat target is remote.
        if (llamaTargets.Count > 0 || settings.Config.Options.Llama.EmbeddingModel is not null)
        {
            var llama = settings.Config.Options.Llama;
            if (llama.Backend is "auto" or "cpu" && ServingMemory.AvailableHostBytes() is { } available)
            {
                ServingMemoryGate.Check(llamaTargets.Select(t => t.Model), llama, available);
            }

            local = await LlamaModels.LoadAsync([.. llamaTargets.Select(t => new LocalModelSpec(t.Model, t.Name))], settings.Config.Options.Llama,
                settings.Loggers, settings.LoadProgress, settings.Time, cancellationToken).ConfigureAwait(false);
        }

        IUsageLedger? ledger = null;
        LiveThermalOutlook? thermal = null;
        MeshNode? mesh = null;
        var remotes = new List<IChatClient>();
        try
        {
            mesh = MeshComposition.Open(settings.Config.Mesh, settings);
            if (mesh is not null)
            {
                settings = settings with { NodeName = mesh.Name }; // peers see one name for this node, mesh and delegation alike
            }

            ledger = ledgerSettings.Path is { } path
                ? UsageLedger.Open(path, new LedgerOptions { StorePrompts = ledgerSettings.StorePrompts, FullSync = ledgerSettings.FullSync }, settings.Time)
                : null;
            var targets = BuildTargets(config, local, null, settings, remotes);
            thermal = ThermalOutlooks.Create(config, targets, settings);
            var services = new RouterServices
            {
                Thermal = thermal,
                // The mesh's memory documents, unless the caller brings its own source (tests).
                Memory = settings.Memory ?? (mesh is null ? null : new MemoryBook(mesh.State)),
                Peers = settings.Peers ?? (mesh is null ? null : new MeshPeerOutlook(mesh, config)),
                Scanner = SensitivityScanner.Create(),
                Ledger = ledger,
                StorePrompts = ledgerSettings.StorePrompts,
                Time = settings.Time,
                Logger = (settings.Loggers ?? NullLoggerFactory.Instance).CreateLogger("Locus.Routing"),
            };
            if (ledger is not null)
            {
                services = services with { Spend = RouterServices.SpendFrom(ledger) };
            }

            if (mesh is not null)
            {
                services = services with { Spend = new MeshSpend(mesh, services.Spend, settings.Time) };
            }

            var router = new LocusRouter(new RouterSnapshot(config, targets), services);
            return new LocusNode(settings with { Config = settings.Config with { Routing = config } }, router, local, ledger, remotes) { Thermal = thermal, Mesh = mesh };
        }
        catch
        {
            thermal?.Dispose();
            mesh?.Dispose();
            local?.Dispose();
            foreach (var remote in remotes)
            {
                remote.Dispose();
            }

            if (ledger is not null)
            {
                await ledger.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>
    /// The targets for <paramref name="config"/>: local ones from the loaded models; remote ones reused from
    /// <paramref name="previous"/> when unchanged (keeping their live stats and circuit state), else created.
    /// </summary>
    internal static List<RouteTarget> BuildTargets(RouterConfig config, IModelCatalog? local, RouterSnapshot? previous, NodeSettings settings, List<IChatClient> created)
    {
        var targets = new List<RouteTarget>();
        foreach (var options in config.Targets)
        {
            if (previous?.Find(options.Name) is { } old && TargetFactory.Same(old.Options, options))
            {
                targets.Add(old);
                continue;
            }

            if (options.Kind == TargetKind.Llama)
            {
                var client = local?.Find(options.Name) ?? throw new InvalidOperationException($"local target {options.Name} was not loaded");
                var info = local.Models.First(m => m.Id == options.Name);
                targets.Add(new RouteTarget(options, client, info.ContextLength, previous?.Find(options.Name)?.Stats));
            }
            else
            {
                var client = TargetFactory.CreateRemote(options, settings.Environment, settings.Loggers, settings.Time, settings.NodeName);
                created.Add(client);
                targets.Add(new RouteTarget(options, client));
            }
        }

        return targets;
    }

    /// <summary>Issue-2 style serving (models by file, no targets configured): each model is a local target.</summary>
    private static RouterConfig FromModels(NodeSettings settings)
    {
        var targets = settings.Models.Select(m => new TargetOptions
        {
            Name = m.Id ?? Path.GetFileNameWithoutExtension(m.Path),
            Kind = TargetKind.Llama,
            Model = m.Path,
            OnDevice = true,
            // Local models call tools and answer in schema-constrained JSON (chat template + grammar).
            SupportsTools = true,
            SupportsJsonSchema = true,
        }).ToList();
        var routing = settings.Config.Routing;
        return routing with
        {
            Targets = targets,
            Routing = routing.Routing with { FastTarget = targets.FirstOrDefault()?.Name, CloudTargets = [] },
        };
    }

    internal IModelCatalog? LocalModels => _local;

    /// <summary>Local models that are no routing target (the <c>llama.embedding_model</c>): served for embeddings only.</summary>
    public IReadOnlyList<ModelInfo> EmbeddingOnlyModels =>
        _local is null ? [] : [.. _local.Models.Where(m => Router.Snapshot.Find(m.Id) is null)];

    /// <summary>The client of an embedding-only local model, or null.</summary>
    public IChatClient? FindEmbeddingOnly(string id) => Router.Snapshot.Find(id) is null ? _local?.Find(id) : null;

    internal List<IChatClient> Remotes => _remotes;

    public async ValueTask DisposeAsync()
    {
        if (_reloader is not null)
        {
            await _reloader.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var remote in _remotes)
        {
            remote.Dispose();
        }

        Thermal?.Dispose();
        Mesh?.Dispose();
        _local?.Dispose();
        if (Ledger is not null)
        {
            await Ledger.DisposeAsync().ConfigureAwait(false);
        }
    }
}
