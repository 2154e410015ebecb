namespace Locus.Mesh.Crdt.Text;

internal sealed partial class ItemSequence
{
    /// <summary>Appends an item at the end while loading (leaves filled to 3/4, so edits rarely split them at once).</summary>
    public void AppendLoaded(int handle)
    {
        var leaf = _leaves[^1];
        if (leaf.Count >= LeafCapacity * 3 / 4)
        {
            leaf = AddLeafAt(_leaves.Count);
        }

        leaf.Handles[leaf.Count++] = handle;
        ref var item = ref _items[handle];
        item.Leaf = leaf.Id;
        leaf.Visible += item.Visible;
        VisibleLength += item.Visible;
    }

    /// <summary>Rebuilds the position index after <see cref="AppendLoaded"/>.</summary>
    public void FinishLoading() => RebuildTree();

    private Leaf SplitLeaf(Leaf leaf)
    {
        var right = AddLeafAt(leaf.Ordinal + 1);
        var keep = leaf.Count / 2;
        right.Count = leaf.Count - keep;
        Array.Copy(leaf.Handles, keep, right.Handles, 0, right.Count);
        leaf.Count = keep;
        for (var i = 0; i < right.Count; i++)
        {
            ref var item = ref _items[right.Handles[i]];
            item.Leaf = right.Id;
            right.Visible += item.Visible;
        }

        leaf.Visible -= right.Visible;
        RebuildTree();
        return right;
    }

    private Leaf AddLeafAt(int ordinal)
    {
        var leaf = new Leaf(_leafById.Count);
        _leafById.Add(leaf);
        _leaves.Insert(ordinal, leaf);
        for (var i = ordinal; i < _leaves.Count; i++)
        {
            _leaves[i].Ordinal = i;
        }

        return leaf;
    }

    // Splits are rare (one per LeafCapacity/2 new items), so an O(leaves) rebuild there keeps the tree simple.
    private void RebuildTree()
    {
        _tree.Reset(_leaves.Count);
        for (var i = 0; i < _leaves.Count; i++)
        {
            _tree.Set(i, _leaves[i].Visible);
        }

        _tree.Build();
    }

    private sealed class Leaf(int id)
    {
        public readonly int Id = id;
        public readonly int[] Handles = new int[LeafCapacity];
        public int Count;
        public int Visible;
        public int Ordinal;

        public int IndexOf(int handle) => Array.IndexOf(Handles, handle, 0, Count);
    }
}
