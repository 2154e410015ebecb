using System.Text;

namespace Locus.Mesh.Crdt.Text;

/// <summary>
/// A replicated text (a sequence CRDT of Unicode code points), ordered by YATA (the algorithm of Yjs): every run of
/// characters remembers its left and right neighbours as typed, and concurrent inserts between the same neighbours
/// are ordered by replica id without interleaving. Deletes leave tombstones. Local edits return the operation to send
/// to peers; <see cref="Apply"/> takes a peer's operations in any order, any number of times. Not thread-safe.
/// </summary>
public sealed partial class TextDocument
{
    private const int LocalReplica = 0;

    private readonly ItemSequence _items = new();
    private readonly ItemIndex _index;
    private readonly List<ReplicaId> _replicas = [];
    private readonly Dictionary<ReplicaId, int> _replicaIndex = [];

    /// <summary>Per replica index: highest counter integrated (a contiguous prefix).</summary>
    private readonly List<ulong> _seen = [];
    private int[] _content = new int[1024];
    private int _contentLength;

    public TextDocument(ReplicaId replica)
    {
        _index = new ItemIndex(_items);
        IndexOf(replica);
    }

    public ReplicaId Replica => _replicas[LocalReplica];

    /// <summary>Visible length in code points.</summary>
    public int Length => _items.VisibleLength;

    /// <summary>Runs stored (visible and tombstones): what memory and the encoding grow with.</summary>
    public int ItemCount => _items.ItemCount;

    /// <summary>What this replica has integrated: the peer-facing version for delta sync.</summary>
    public VersionVector Version
    {
        get
        {
            var version = new VersionVector();
            for (var i = 0; i < _replicas.Count; i++)
            {
                if (_seen[i] > 0)
                {
                    version.Observe(new Dot(_replicas[i], _seen[i]));
                }
            }

            return version;
        }
    }

    public override string ToString()
    {
        var text = new StringBuilder(_items.VisibleLength);
        foreach (var handle in _items.InOrder())
        {
            ref var item = ref _items[handle];
            if (item.Deleted)
            {
                continue;
            }

            for (var i = 0; i < item.Length; i++)
            {
                AppendCodePoint(text, _content[item.Content + i]);
            }
        }

        return text.ToString();
    }

    private int IndexOf(ReplicaId replica)
    {
        if (_replicaIndex.TryGetValue(replica, out var index))
        {
            return index;
        }

        index = _replicas.Count;
        _replicas.Add(replica);
        _replicaIndex.Add(replica, index);
        _seen.Add(0);
        return index;
    }

    private Dot? DotOf(int replica, ulong counter) => replica < 0 ? null : new Dot(_replicas[replica], counter);

    private static void AppendCodePoint(StringBuilder text, int codePoint)
    {
        if (codePoint < 0x10000)
        {
            text.Append((char)codePoint);
        }
        else
        {
            text.Append(char.ConvertFromUtf32(codePoint));
        }
    }

    /// <summary>Appends the code points of <paramref name="text"/> from the <paramref name="skip"/>-th; returns how many.</summary>
    private int AppendContent(string text, int skip)
    {
        if (_content.Length - _contentLength < text.Length)
        {
            Array.Resize(ref _content, Math.Max(_content.Length * 2, _contentLength + text.Length));
        }

        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            int codePoint = text[i];
            if (char.IsHighSurrogate(text, i) && i + 1 < text.Length && char.IsLowSurrogate(text, i + 1))
            {
                codePoint = char.ConvertToUtf32(text[i], text[++i]);
            }
            else if (char.IsSurrogate((char)codePoint))
            {
                codePoint = 0xFFFD; // a lone surrogate is no code point; keep the count the peer computed
            }

            if (count++ >= skip)
            {
                _content[_contentLength++] = codePoint;
            }
        }

        return count;
    }
}
