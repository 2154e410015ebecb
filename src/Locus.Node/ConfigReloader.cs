using System.Security.Cryptography;
using Locus.Core.Configuration;
using Locus.Ledger.Configuration;
using Locus.Mesh.Configuration;
using Locus.Node.Configuration;
using Locus.Routing.Options;
using Locus.Routing.Runtime;
using Locus.Routing.Targets;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Locus.Node;

/// <summary>
/// Applies edits of the config file's routing sections without a restart. Polls the file's content hash (file
/// watchers miss editors that replace files, and network file systems); a valid new config becomes a new router
/// snapshot atomically, an invalid one is logged and ignored. Local models are loaded at start: changing them needs
/// a restart, and such an edit is rejected with that explanation.
/// </summary>
internal sealed partial class ConfigReloader : IAsyncDisposable
{
    private readonly LocusNode _node;
    private readonly string _file;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private byte[] _hash;

    public ConfigReloader(LocusNode node, string file, TimeSpan interval)
    {
        _node = node;
        _file = file;
        _logger = (node.Settings.Loggers ?? NullLoggerFactory.Instance).CreateLogger("Locus.Config");
        _hash = ReadBytes(file) is { } content ? SHA256.HashData(content) : [];
        _loop = RunAsync(interval, node.Settings.Time);
    }

    /// <summary>Checks the file once; true when a change was applied.</summary>
    private bool CheckNow()
    {
        // The bytes hashed are the bytes parsed, so a save landing between the two cannot be half-applied.
        if (ReadBytes(_file) is not { } content)
        {
            return false;
        }

        var hash = SHA256.HashData(content);
        if (hash.AsSpan().SequenceEqual(_hash))
        {
            return false;
        }

        _hash = hash;
        return TryApply(content);
    }

    private bool TryApply(byte[] content)
    {
        RouterConfig config;
        try
        {
            config = Read(content);
        }
        catch (ConfigurationException ex)
        {
            ReloadRejected(_logger, _file, ex.Message);
            return false;
        }

        var current = _node.Router.Snapshot;
        var before = LocalTargets(current.Config);
        var after = LocalTargets(config);
        if (!before.SequenceEqual(after))
        {
            ReloadRejected(_logger, _file, "local (llama) targets changed; restart Locus to load different local models");
            return false;
        }

        var created = new List<IChatClient>();
        var targets = LocusNode.BuildTargets(config, _node.LocalModels, current, _node.Settings, created);
        _node.Remotes.AddRange(created);
        _node.Router.Reload(new RouterSnapshot(config, targets));
        Reloaded(_logger, _file);
        return true;
    }

    /// <summary>
    /// Binds the routing sections, which a reload applies, and checks <c>ledger</c> and <c>mesh</c> as well, which apply
    /// at the next start. <c>server</c>, <c>llama</c>, <c>models</c> and <c>devices</c> are read only at start, with
    /// the environment variables and flags the node was started with.
    /// </summary>
    private RouterConfig Read(byte[] content)
    {
        using var text = new StreamReader(new MemoryStream(content));
        var sources = new ConfigurationSources { ConfigPath = _file, Variables = _node.Settings.Environment };
        var document = NodeConfig.Schema.Open(text.ReadToEnd(), _file, sources);
        var routing = document.Bind(RouterConfig.Section);
        document.Bind(LedgerSettings.Section);
        document.Bind(MeshSettings.Section);
        document.ThrowIfInvalid();
        return routing;
    }

    private static IEnumerable<string> LocalTargets(RouterConfig config) =>
        config.Targets.Where(t => t.Kind == TargetKind.Llama).Select(t => $"{t.Name}={t.Model}").Order(StringComparer.Ordinal);

    private async Task RunAsync(TimeSpan interval, TimeProvider time)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                try
                {
                    CheckNow();
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
                {
                    // The file (or a router model it names) is mid-save or briefly unreadable; the next tick tries again.
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static byte[]? ReadBytes(string file)
    {
        try
        {
            return File.ReadAllBytes(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Routing configuration reloaded from {File}")]
    private static partial void Reloaded(ILogger logger, string file);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Error, Message = "The edited config {File} was not applied; the previous routing stays in force. {Problems}")]
    private static partial void ReloadRejected(ILogger logger, string file, string problems);
}
