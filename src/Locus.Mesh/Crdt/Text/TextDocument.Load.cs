namespace Locus.Mesh.Crdt.Text;

public sealed partial class TextDocument
{
    /// <summary>Fills an empty document with decoded runs (replica indices as encoded, mapped through <paramref name="map"/>).</summary>
    private void Load(TextItem[] runs, int[] map, int[] content)
    {
        _content = content.Length > 0 ? content : new int[1024];
        _contentLength = content.Length;
        var byReplica = new List<int>[_replicas.Count];
        var contentOffset = 0;
        foreach (var decoded in runs)
        {
            var run = decoded;
            run.Replica = map[run.Replica];
            run.LeftReplica = run.LeftReplica < 0 ? -1 : map[run.LeftReplica];
            run.RightReplica = run.RightReplica < 0 ? -1 : map[run.RightReplica];
            if (run.Content >= 0)
            {
                run.Content = contentOffset;
                contentOffset += run.Length;
            }

            var handle = _items.Add(run);
            _items.AppendLoaded(handle);
            (byReplica[run.Replica] ??= []).Add(handle);
        }

        _items.FinishLoading();
        for (var replica = 0; replica < byReplica.Length; replica++)
        {
            IndexReplica(replica, byReplica[replica]);
        }

        for (var handle = 0; handle < _items.ItemCount; handle++)
        {
            ref var item = ref _items[handle];
            if ((item.LeftReplica >= 0 && item.LeftCounter > _seen[item.LeftReplica])
                || (item.RightReplica >= 0 && item.RightCounter > _seen[item.RightReplica]))
            {
                throw new FormatException("an origin names a character the document lacks");
            }
        }
    }

    /// <summary>Checks a replica's runs cover counters 1..n exactly once, and indexes them by counter.</summary>
    private void IndexReplica(int replica, List<int>? handles)
    {
        if (handles is null)
        {
            return;
        }

        handles.Sort((a, b) => _items[a].Counter.CompareTo(_items[b].Counter));
        var expected = 1UL;
        for (var i = 0; i < handles.Count; i++)
        {
            ref var item = ref _items[handles[i]];
            if (item.Counter != expected)
            {
                throw new FormatException("a replica's characters are not numbered 1..n without gaps or repeats");
            }

            expected = item.End + 1;
            item.NextPiece = i + 1 < handles.Count ? handles[i + 1] : -1;
            _index.Register(replica, handles[i]);
        }

        _seen[replica] = expected - 1;
    }
}
