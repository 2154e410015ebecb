using Locus.Mesh.Crdt.Sync;
using Locus.Mesh.Encoding;

namespace Locus.Mesh.Crdt.Sets;

/// <summary>
/// Observed-remove (add-wins) set with a dot kernel: each add is a dot; an element is present while it has a dot.
/// A remove drops the dots it observed and keeps nothing — the version vector remembers that they were seen, so a
/// merge can tell "removed there" (covered by the other side's vector, not held) from "not yet seen there". An add
/// concurrent with a remove has a dot the remover never saw, so the add wins. Not thread-safe.
/// </summary>
public sealed class OrSet<T>(ReplicaId replica, IValueCodec<T> values) : IDeltaCrdt<OrSetDelta<T>>
    where T : notnull
{
    private readonly Dictionary<T, SortedSet<Dot>> _entries = [];
    private readonly VersionVector _seen = new();
    private readonly OrSetDeltaCodec<T> _codec = new(values);

    public VersionVector Version => _seen.Clone();

    public IEnumerable<T> Elements => _entries.Keys;

    public int Count => _entries.Count;

    public bool Contains(T element) => _entries.ContainsKey(element);

    /// <summary>The add dots that keep <paramref name="element"/> in the set (empty: absent).</summary>
    public IReadOnlyCollection<Dot> DotsOf(T element) => _entries.TryGetValue(element, out var dots) ? [.. dots] : [];

    /// <summary>Adds with a fresh dot that replaces the element's observed dots.</summary>
    public void Add(T element)
    {
        var dot = new Dot(replica, checked(_seen[replica] + 1));
        _entries[element] = [dot];
        _seen.Observe(dot);
    }

    /// <summary>Removes the element as observed here; concurrent adds elsewhere survive.</summary>
    public bool Remove(T element) => _entries.Remove(element);

    public OrSetDelta<T> DeltaFor(VersionVector peerHas)
    {
        ArgumentNullException.ThrowIfNull(peerHas);
        var entries = new List<KeyValuePair<T, IReadOnlyList<Dot>>>();
        var alive = new List<Dot>();
        foreach (var (element, dots) in _entries)
        {
            var missing = dots.Where(d => !peerHas.Includes(d)).ToList();
            if (missing.Count > 0)
            {
                entries.Add(new(element, missing));
            }

            alive.AddRange(dots.Where(peerHas.Includes));
        }

        return new OrSetDelta<T>(_seen.Clone(), entries, alive);
    }

    public void Merge(OrSetDelta<T> delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        var held = new HashSet<Dot>(delta.Alive);
        foreach (var (_, dots) in delta.Entries)
        {
            held.UnionWith(dots);
        }

        foreach (var element in _entries.Keys.ToList())
        {
            var dots = _entries[element];
            dots.RemoveWhere(d => delta.Context.Includes(d) && !held.Contains(d));
            if (dots.Count == 0)
            {
                _entries.Remove(element);
            }
        }

        foreach (var (element, dots) in delta.Entries)
        {
            // A dot we have seen but do not hold was removed here: it stays removed.
            var unseen = dots.Where(d => !_seen.Includes(d)).ToList();
            if (unseen.Count == 0)
            {
                continue;
            }

            if (!_entries.TryGetValue(element, out var mine))
            {
                _entries[element] = mine = [];
            }

            mine.UnionWith(unseen);
        }

        _seen.Merge(delta.Context);
    }

    public void Encode(VarWriter writer) => _codec.Write(writer, DeltaFor(new VersionVector()));

    /// <summary>Merges a state written by <see cref="DeltaCodec.EncodeState{TDelta}"/> (a restart, or a peer's
    /// snapshot); malformed bytes throw <see cref="FormatException"/> and leave this replica unchanged.</summary>
    public void Load(ReadOnlySpan<byte> state) => Merge(DeltaCodec.FromBytes(_codec, state));
}
