using Locus.Ledger;
using Locus.Ledger.Sqlite;
using Locus.Privacy;
using Locus.Privacy.Detectors;
using Locus.Routing.Options;
using Locus.Routing.Policy;
using Locus.Routing.Runtime;
using Locus.Routing.Targets;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Tests;

/// <summary>A router over scripted backends: "local" (tier 1), "local2" (ensemble member), "cloud" and "cloud2".</summary>
internal sealed class RouterFixture
{
    private string? _ledgerFolder;

    public ScriptedClient Local { get; } = new() { ContextLength = 2048 };

    public ScriptedClient Local2 { get; } = new() { ContextLength = 2048 };

    /// <summary>Serves target "local" instead of <see cref="Local"/> when set (a backend with a tokenizer, raw completion).</summary>
    public IChatClient? LocalBackend { get; set; }

    public ScriptedClient Cloud { get; } = new() { ReportsLoad = false, Reply = (m, _) => "cloud: " + m[^1].Text };

    public ScriptedClient Cloud2 { get; } = new() { ReportsLoad = false, Reply = (m, _) => "cloud2: " + m[^1].Text };

    /// <summary>A peer node ("studio", kind peer) for delegation tests; only in configs that list it.</summary>
    public ScriptedClient Studio { get; } = new() { ReportsLoad = false, ContextLength = 32_768, Reply = (m, _) => "studio: " + m[^1].Text };

    public static TargetOptions PeerTarget(string name, int contextLength = 32_768) => new()
    {
        Name = name,
        Kind = TargetKind.Peer,
        Model = "auto",
        BaseUrl = new Uri("http://127.0.0.1:9/v1"),
        OnDevice = true,
        SupportsTools = false,
        ContextLength = contextLength,
    };

    public static TargetOptions LocalTarget(string name) =>
        new() { Name = name, Kind = TargetKind.Llama, Model = name + ".gguf", OnDevice = true, SupportsTools = false };

    public static TargetOptions CloudTarget(string name) => new()
    {
        Name = name,
        Kind = TargetKind.OpenAI,
        Model = "frontier",
        BaseUrl = new Uri("http://127.0.0.1:9/v1"),
        OnDevice = false,
        SupportsTools = true,
        Price = new PriceOptions(3m, 15m, 0.3m),
    };

    public RouterConfig Config { get; set; } = new()
    {
        Targets = [LocalTarget("local"), LocalTarget("local2"), CloudTarget("cloud"), CloudTarget("cloud2")],
        Routing = new RoutingOptions { FastTarget = "local", CloudTargets = ["cloud", "cloud2"], Ensemble = new EnsembleOptions { Targets = ["local", "local2"] } },
        Clients = [new ClientPolicy { Name = "alice", DailyBudgetUsd = 0.01m }],
    };

    public IUsageLedger? Ledger { get; set; }

    /// <summary>Gives the router a real SQLite ledger in a throwaway folder (tests that read the rows a run leaves).</summary>
    public Task OpenLedgerAsync()
    {
        _ledgerFolder = Directory.CreateTempSubdirectory("locus-routing-ledger-").FullName;
        Ledger = UsageLedger.Open(Path.Combine(_ledgerFolder, "usage.db"));
        return Task.CompletedTask;
    }

    /// <summary>Closes the ledger <see cref="OpenLedgerAsync"/> opened and deletes its folder.</summary>
    public async Task CloseLedgerAsync()
    {
        if (Ledger is not null)
        {
            await Ledger.DisposeAsync();
        }

        if (_ledgerFolder is not null)
        {
            Directory.Delete(_ledgerFolder, recursive: true);
        }
    }

    public Core.Abstractions.IThermalOutlook? Thermal { get; set; }

    public Core.Abstractions.IMemorySource? Memory { get; set; }
    public Core.Abstractions.IPeerOutlook? Peers { get; set; }

    public LocusRouter Build(Func<RoutingOptions, RoutingOptions>? routing = null)
    {
        var config = routing is null ? Config : Config with { Routing = routing(Config.Routing) };
        var clients = new Dictionary<string, IChatClient> { ["local"] = LocalBackend ?? Local, ["local2"] = Local2, ["cloud"] = Cloud, ["cloud2"] = Cloud2, ["studio"] = Studio };
        var targets = config.Targets.Select(t => new RouteTarget(t, clients.GetValueOrDefault(t.Name) ?? new ScriptedClient(), t.OnDevice ? 2048 : null));
        var services = new RouterServices { Scanner = SensitivityScanner.Create(), Ledger = Ledger, Thermal = Thermal, Peers = Peers, Memory = Memory };
        if (Ledger is not null)
        {
            services = services with { Spend = RouterServices.SpendFrom(Ledger) };
        }

        return new LocusRouter(new RouterSnapshot(config, targets), services);
    }

    public static List<ChatMessage> Ask(string text) => [new(ChatRole.User, text)];
}
