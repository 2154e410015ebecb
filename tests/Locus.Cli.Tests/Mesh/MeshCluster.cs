namespace Locus.Cli.Tests.Mesh;

/// <summary>
/// Three nodes as separate processes on loopback, every ordered pair joined by its own <see cref="TcpLink"/> (each node
/// lists the links it dials as its static peers), so a test can partition a node by cutting its links.
/// </summary>
internal sealed class MeshCluster : IAsyncDisposable
{
    private readonly Dictionary<(string From, string To), TcpLink> _links = [];

    private MeshCluster(IReadOnlyList<ClusterNode> nodes) => Nodes = nodes;

    public IReadOnlyList<ClusterNode> Nodes { get; }

    public ClusterNode this[string name] => Nodes.Single(n => n.Name == name);

    public static async Task<MeshCluster> StartAsync(params string[] names)
    {
        var cluster = new MeshCluster([.. names.Select(n => new ClusterNode(n, Directory.CreateTempSubdirectory($"locus-{n}-").FullName))]);
        foreach (var from in names)
        {
            foreach (var to in names.Where(t => t != from))
            {
                cluster._links[(from, to)] = new TcpLink();
            }
        }

        foreach (var node in cluster.Nodes)
        {
            await cluster.StartNodeAsync(node);
        }

        return cluster;
    }

    /// <summary>(Re)starts a node and points the links into it at its new mesh port.</summary>
    public async Task StartNodeAsync(ClusterNode node)
    {
        await node.StartAsync(_links.Where(l => l.Key.From == node.Name).Select(l => l.Value.Url));
        foreach (var link in _links.Where(l => l.Key.To == node.Name))
        {
            link.Value.TargetPort = node.MeshPort;
        }
    }

    /// <summary>The address <paramref name="from"/> uses for <paramref name="to"/>.</summary>
    public Uri Link(string from, string to) => _links[(from, to)].Url;

    public void Partition(string name)
    {
        foreach (var link in _links.Where(l => l.Key.From == name || l.Key.To == name))
        {
            link.Value.Cut();
        }
    }

    public void Heal()
    {
        foreach (var link in _links.Values)
        {
            link.Heal();
        }
    }

    /// <summary>Pairs <paramref name="joiner"/> with <paramref name="shower"/> through their APIs, over the joiner's link.</summary>
    public async Task PairAsync(string shower, string joiner)
    {
        var offer = await this[shower].PostAsync("/v1/mesh/pair", null);
        await this[joiner].PostAsync("/v1/mesh/pair/join", new { url = Link(joiner, shower).ToString(), code = (string)offer["code"]! });
    }

    /// <summary>Waits until every node's state digest is equal and <paramref name="done"/> holds on each.</summary>
    public async Task WaitForConvergenceAsync(Func<ClusterNode, Task<bool>> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var digests = new HashSet<string>();
            var all = true;
            foreach (var node in Nodes)
            {
                digests.Add(await node.DigestAsync());
                all &= await done(node);
            }

            if (digests.Count == 1 && all)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no convergence in {timeout}: {digests.Count} distinct states\n" + string.Join("\n---\n", Nodes.Select(n => n.Name + ":\n" + n.Output[^Math.Min(3000, n.Output.Length)..])));
            }

            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }

        foreach (var link in _links.Values)
        {
            link.Dispose();
        }
    }
}
