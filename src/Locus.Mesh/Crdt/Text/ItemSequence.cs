namespace Locus.Mesh.Crdt.Text;

/// <summary>
/// The document's items in order: a list of leaves (up to <see cref="LeafCapacity"/> item handles each, with their
/// visible length cached) and a Fenwick tree over the leaves' visible lengths, so finding the item at a visible
/// position is O(log leaves + leaf size) instead of a scan over every item. Items live in one struct array and are
/// referred to by handle (index); they never move there, only their handles move between leaves.
/// </summary>
internal sealed partial class ItemSequence
{
    public const int LeafCapacity = 64;

    private TextItem[] _items = new TextItem[256];
    private int _itemCount;
    private readonly List<Leaf> _leaves = [];
    private readonly List<Leaf> _leafById = [];
    private readonly VisibleTree _tree = new();

    public ItemSequence() => AddLeafAt(0);

    /// <summary>Characters not deleted.</summary>
    public int VisibleLength { get; private set; }

    public int ItemCount => _itemCount;

    public ref TextItem this[int handle] => ref _items[handle];

    /// <summary>Stores an item (not yet placed in the order) and returns its handle.</summary>
    public int Add(in TextItem item)
    {
        if (_itemCount == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[_itemCount] = item;
        return _itemCount++;
    }

    /// <summary>The item holding the visible character at <paramref name="position"/> (0-based, below the visible length).</summary>
    public (int Handle, int Offset) FindVisible(int position)
    {
        var (ordinal, remaining) = _tree.Find(position);
        var leaf = _leaves[ordinal];
        for (var i = 0; i < leaf.Count; i++)
        {
            var handle = leaf.Handles[i];
            var visible = _items[handle].Visible;
            if (remaining < visible)
            {
                return (handle, remaining);
            }

            remaining -= visible;
        }

        throw new InvalidOperationException("visible lengths out of step");
    }

    /// <summary>The first item in the order, -1 when empty.</summary>
    public int First()
    {
        foreach (var leaf in _leaves)
        {
            if (leaf.Count > 0)
            {
                return leaf.Handles[0];
            }
        }

        return -1;
    }

    /// <summary>The item after <paramref name="handle"/>, -1 at the end.</summary>
    public int Next(int handle)
    {
        var leaf = _leafById[_items[handle].Leaf];
        var index = leaf.IndexOf(handle);
        if (index + 1 < leaf.Count)
        {
            return leaf.Handles[index + 1];
        }

        for (var ordinal = leaf.Ordinal + 1; ordinal < _leaves.Count; ordinal++)
        {
            if (_leaves[ordinal].Count > 0)
            {
                return _leaves[ordinal].Handles[0];
            }
        }

        return -1;
    }

    /// <summary>Places <paramref name="handle"/> right after <paramref name="previous"/> (-1: at the start).</summary>
    public void InsertAfter(int previous, int handle)
    {
        Leaf leaf;
        int index;
        if (previous < 0)
        {
            leaf = _leaves[0];
            index = 0;
        }
        else
        {
            leaf = _leafById[_items[previous].Leaf];
            index = leaf.IndexOf(previous) + 1;
        }

        if (leaf.Count == LeafCapacity)
        {
            var right = SplitLeaf(leaf);
            if (index > leaf.Count)
            {
                index -= leaf.Count;
                leaf = right;
            }
        }

        Array.Copy(leaf.Handles, index, leaf.Handles, index + 1, leaf.Count - index);
        leaf.Handles[index] = handle;
        leaf.Count++;
        ref var item = ref _items[handle];
        item.Leaf = leaf.Id;
        AddVisible(leaf, item.Visible);
    }

    /// <summary>
    /// Splits an item so that its first <paramref name="offset"/> characters stay and the rest become a new item right
    /// after it; returns the new item. The new item's left origin is the last character kept, as it was when typed.
    /// </summary>
    public int Split(int handle, int offset)
    {
        var left = _items[handle];
        var right = left;
        right.Counter = left.Counter + (ulong)offset;
        right.Length = left.Length - offset;
        right.Content = left.Content < 0 ? -1 : left.Content + offset;
        right.LeftReplica = left.Replica;
        right.LeftCounter = right.Counter - 1;
        var rightHandle = Add(right);
        ref var kept = ref _items[handle];
        kept.Length = offset;
        kept.NextPiece = rightHandle;
        var leaf = _leafById[kept.Leaf];
        AddVisible(leaf, -(kept.Deleted ? 0 : right.Length));
        InsertAfter(handle, rightHandle);
        return rightHandle;
    }

    public void MarkDeleted(int handle)
    {
        ref var item = ref _items[handle];
        if (item.Deleted)
        {
            return;
        }

        var length = item.Length;
        item.Deleted = true;
        AddVisible(_leafById[item.Leaf], -length);
    }

    /// <summary>Appends <paramref name="count"/> characters to a visible item (a replica typing on).</summary>
    public void Extend(int handle, int count)
    {
        ref var item = ref _items[handle];
        item.Length += count;
        AddVisible(_leafById[item.Leaf], count);
    }

    /// <summary>Every item handle in document order.</summary>
    public IEnumerable<int> InOrder()
    {
        foreach (var leaf in _leaves)
        {
            for (var i = 0; i < leaf.Count; i++)
            {
                yield return leaf.Handles[i];
            }
        }
    }

    private void AddVisible(Leaf leaf, int delta)
    {
        if (delta == 0)
        {
            return;
        }

        leaf.Visible += delta;
        VisibleLength += delta;
        _tree.Add(leaf.Ordinal, delta);
    }
}
