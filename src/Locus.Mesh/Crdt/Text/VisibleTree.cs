using System.Numerics;

namespace Locus.Mesh.Crdt.Text;

/// <summary>
/// Fenwick (binary indexed) tree over the leaves' visible lengths: add at a leaf and find the leaf holding a visible
/// position, both O(log leaves).
/// </summary>
internal sealed class VisibleTree
{
    private int[] _tree = new int[2];
    private int _count;

    public void Reset(int count)
    {
        _count = count;
        if (_tree.Length < count + 1)
        {
            _tree = new int[Math.Max(count + 1, _tree.Length * 2)];
        }

        Array.Clear(_tree, 0, count + 1);
    }

    /// <summary>Before <see cref="Build"/>: the raw value of one leaf.</summary>
    public void Set(int ordinal, int value) => _tree[ordinal + 1] = value;

    /// <summary>Turns raw values into tree sums in O(n).</summary>
    public void Build()
    {
        for (var i = 1; i <= _count; i++)
        {
            var parent = i + (i & -i);
            if (parent <= _count)
            {
                _tree[parent] += _tree[i];
            }
        }
    }

    public void Add(int ordinal, int delta)
    {
        for (var i = ordinal + 1; i <= _count; i += i & -i)
        {
            _tree[i] += delta;
        }
    }

    /// <summary>The leaf whose span holds visible position <paramref name="position"/>, and the offset into it.</summary>
    public (int Ordinal, int Remaining) Find(int position)
    {
        var index = 0;
        var remaining = position;
        for (var bit = _count == 0 ? 0 : 1 << (31 - BitOperations.LeadingZeroCount((uint)_count)); bit > 0; bit >>= 1)
        {
            var next = index + bit;
            if (next <= _count && _tree[next] <= remaining)
            {
                index = next;
                remaining -= _tree[next];
            }
        }

        return (index, remaining);
    }
}
