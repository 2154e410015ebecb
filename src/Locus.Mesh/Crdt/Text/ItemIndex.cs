namespace Locus.Mesh.Crdt.Text;

/// <summary>
/// Character id → item, for remote operations that name their origins and targets by id. Per replica, the runs as
/// first integrated, in counter order (a replica's runs arrive in counter order, so this only ever appends); a run
/// later split into pieces is followed along <see cref="TextItem.NextPiece"/>.
/// </summary>
internal sealed class ItemIndex(ItemSequence items)
{
    private readonly List<Runs> _byReplica = [];

    /// <summary>Records a new run (its counters above every run of that replica registered before).</summary>
    public void Register(int replica, int handle)
    {
        while (_byReplica.Count <= replica)
        {
            _byReplica.Add(new Runs());
        }

        var runs = _byReplica[replica];
        runs.Starts.Add(items[handle].Counter);
        runs.Handles.Add(handle);
    }

    /// <summary>The item holding character (replica, counter); the caller has checked it was integrated.</summary>
    public int Find(int replica, ulong counter)
    {
        var runs = _byReplica[replica];
        var index = runs.Starts.BinarySearch(counter);
        if (index < 0)
        {
            index = ~index - 1;
        }

        var handle = runs.Handles[index];
        while (items[handle].End < counter)
        {
            handle = items[handle].NextPiece;
        }

        return handle;
    }

    private sealed class Runs
    {
        public readonly List<ulong> Starts = [];
        public readonly List<int> Handles = [];
    }
}
