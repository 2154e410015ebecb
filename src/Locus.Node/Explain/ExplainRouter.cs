using Locus.Core.Configuration;
using Locus.Gguf;
using Locus.Ledger;
using Locus.Ledger.Sqlite;
using Locus.Node.Configuration;
using Locus.Privacy;
using Locus.Privacy.Detectors;
using Locus.Routing.Options;
using Locus.Routing.Runtime;
using Locus.Routing.Targets;
using Microsoft.Extensions.AI;

namespace Locus.Node.Explain;

/// <summary>
/// A router for <c>locus route --explain</c>: the real policy and config, but no model is loaded and no upstream
/// called. Local context sizes come from the GGUF headers; budgets from the ledger file if there is one.
/// </summary>
public static class ExplainRouter
{
    public static async Task<(LocusRouter Router, IUsageLedger? Ledger)> CreateAsync(NodeConfig node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var config = node.Routing;
        var targets = config.Targets.Select(t => new RouteTarget(t, new DormantClient(t.Name), t.Kind == TargetKind.Llama ? LocalContext(t, node.Options) : null)).ToList();
        IUsageLedger? ledger = null;
        if (node.Ledger.Path is { } path && File.Exists(path))
        {
            ledger = await Task.Run(() => UsageLedger.OpenReadOnly(path)).ConfigureAwait(false);
        }

        var services = new RouterServices { Scanner = SensitivityScanner.Create(), Ledger = null };
        if (ledger is not null)
        {
            services = services with { Spend = RouterServices.SpendFrom(ledger) };
        }

        return (new LocusRouter(new RouterSnapshot(config, targets), services), ledger);
    }

    /// <summary>The context a loaded model would get: the configured size, else the trained one capped at 8192.</summary>
    private static int LocalContext(TargetOptions target, LocusOptions options)
    {
        if (options.Llama.ContextSize > 0)
        {
            return options.Llama.ContextSize;
        }

        var trained = GgufReader.Read(target.Model).ContextLength ?? 2048;
        return (int)Math.Min(trained, 8192);
    }

    /// <summary>Stands where a backend would; explaining never calls it.</summary>
    private sealed class DormantClient(string name) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException($"target {name} is not running: this router only explains decisions");

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException($"target {name} is not running: this router only explains decisions");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
