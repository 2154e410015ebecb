using Locus.Mesh.Node;
using Locus.Mesh.State;
using Locus.Node;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Locus.Server.Mesh;

/// <summary>
/// Once the server listens: tells the mesh node its address, then keeps syncing with paired peers and keeps this
/// node's entry in the replicated directory fresh (models, load, thermal headroom) so peers can choose to delegate.
/// </summary>
internal sealed class MeshBackground(LocusNode node, MeshNode mesh, MeshListener listener)
{
    // A directory entry is rewritten when it changes, and at least this often so peers can tell a node is alive.
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(30);

    // What a peer deciding whether to delegate here wants to know of the hardware; read once (it does not change).
    private readonly string _hardware = Describe(Hardware.Detection.MachineDetector.Detect());

    private NodeRecord? _reported;
    private DateTimeOffset _reportedAt;

    public void Attach(WebApplication app)
    {
        var stopping = app.Lifetime.ApplicationStopping;
        Task? loop = null;
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            mesh.AdvertisedUrl = listener.AdvertisedUrl();
            loop = Task.WhenAll(
                Task.Run(() => RunAsync(stopping), CancellationToken.None),
                Task.Run(() => mesh.DiscoverAsync(stopping), CancellationToken.None));
        });
        app.Lifetime.ApplicationStopped.Register(() => loop?.Wait(TimeSpan.FromSeconds(5)));
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var time = node.Settings.Time;
        using var timer = new PeriodicTimer(mesh.Options.SyncInterval, time);
        try
        {
            do
            {
                Report(time.GetUtcNow());
                await mesh.SyncRoundAsync(stopping).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private static string Describe(Hardware.Detection.MachineInfo machine) =>
        string.Join(", ", new[] { machine.CpuModel, $"{machine.LogicalCores} threads", $"{machine.MemoryBytes / (1L << 30)} GiB" }.Concat(machine.Gpus));

    private void Report(DateTimeOffset now)
    {
        var targets = node.Router.Snapshot.Targets.Values.Where(t => t.Options.Kind == Locus.Routing.Options.TargetKind.Llama).ToList();
        var slots = Math.Max(1, targets.Sum(t => t.Load?.Parallel ?? 1));
        var load = Math.Round(Math.Min(1, targets.Sum(t => (t.Load?.Running ?? 0) + (t.Load?.Queued ?? 0)) / (double)slots), 2);
        var headroom = Math.Round(node.Thermal?.Forecast(1, TimeSpan.FromMinutes(5)).SpeedFactor ?? 1, 2);
        var record = new NodeRecord([.. targets.Select(t => t.Name).Order(StringComparer.Ordinal)], _hardware, load, headroom, now.ToUnixTimeMilliseconds());
        if (_reported is { } last && last.Models.SequenceEqual(record.Models) && last.Load == load && last.ThermalHeadroom == headroom
            && now - _reportedAt < Heartbeat)
        {
            return;
        }

        mesh.State.Change(state => state.ReportNode(mesh.Id, record));
        (_reported, _reportedAt) = (record, now);
    }
}
