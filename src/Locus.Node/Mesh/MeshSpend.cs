using System.Globalization;
using Locus.Mesh.Node;
using Locus.Routing.Signals;

namespace Locus.Node.Mesh;

/// <summary>
/// Budgets that hold across a person's devices: every cost this node records is also added to a replicated PN-counter
/// per client and UTC day (<c>spend/CLIENT/yyyy-MM-dd</c>, micro-USD), and spend is read as the larger of this node's
/// own source (ledger) and the mesh-wide sum of those day counters — so money spent on the laptop counts against the
/// budget on the home server once they have synced.
/// </summary>
internal sealed class MeshSpend(MeshNode mesh, ISpendSource local, TimeProvider time) : ISpendSource
{
    // Budgets look back a month at most; a day-bucket key per day keeps reads to ~31 counters.
    private static readonly TimeSpan Longest = TimeSpan.FromDays(32);

    public decimal SpentSince(string client, DateTimeOffset since)
    {
        var today = time.GetUtcNow().UtcDateTime.Date;
        var first = since.UtcDateTime.Date;
        if (today - first > Longest)
        {
            first = today - Longest;
        }

        var micro = mesh.State.Read(state =>
        {
            long sum = 0;
            for (var day = first; day <= today; day = day.AddDays(1))
            {
                sum += state.SpendMicroUsd(Key(client, day));
            }

            return sum;
        });
        return Math.Max(local.SpentSince(client, since), micro / 1_000_000m);
    }

    public void Add(string client, DateTimeOffset at, decimal costUsd)
    {
        local.Add(client, at, costUsd);
        var micro = (long)Math.Round(costUsd * 1_000_000m, MidpointRounding.AwayFromZero);
        if (micro > 0)
        {
            mesh.State.Change(state => state.AddSpend(Key(client, at.UtcDateTime.Date), (ulong)micro));
        }
    }

    private static string Key(string client, DateTime day) => string.Create(CultureInfo.InvariantCulture, $"{client}/{day:yyyy-MM-dd}");
}
