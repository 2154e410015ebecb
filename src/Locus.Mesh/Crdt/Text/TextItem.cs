using System.Runtime.InteropServices;

namespace Locus.Mesh.Crdt.Text;

/// <summary>
/// One run of characters: consecutive counters of one replica, inserted one after another (each character's left
/// origin is the previous one; all share the run's right origin). Runs split on demand, so every character keeps the
/// same (id, origins) whatever the history, which makes the encoding identical on every replica. A struct in one
/// array: no object per character or per run.
/// </summary>
[StructLayout(LayoutKind.Auto)] // lets the runtime pack the 8-byte fields together: 56 bytes instead of 72
internal struct TextItem
{
    /// <summary>Index into the document's replica table.</summary>
    public int Replica;
    public ulong Counter;
    public int Length;

    /// <summary>Offset of the first code point in the content buffer; -1 once collected (tombstone without content).</summary>
    public int Content;

    /// <summary>Left origin (replica index, -1 for the document start) of the first character.</summary>
    public int LeftReplica;
    public ulong LeftCounter;

    /// <summary>Right origin (replica index, -1 for the document end), shared by every character of the run.</summary>
    public int RightReplica;
    public ulong RightCounter;

    public bool Deleted;

    /// <summary>Id of the leaf holding this item (see <see cref="ItemSequence"/>).</summary>
    public int Leaf;

    /// <summary>The item holding the next counters after this one's last (a split piece), -1 for none.</summary>
    public int NextPiece;

    public readonly int Visible => Deleted ? 0 : Length;

    public readonly ulong End => Counter + (ulong)Length - 1;
}
