namespace Locus.Mesh.Crdt.Text;

/// <summary>An operation on a <see cref="TextDocument"/>: what a replica sends its peers.</summary>
public abstract record TextOp;

/// <summary>
/// A run of <see cref="Length"/> code points inserted by one replica with consecutive counters starting at
/// <see cref="Id"/>, between the characters <see cref="OriginLeft"/> and <see cref="OriginRight"/> as they were when it
/// was typed (null: the document's start / end). <see cref="Text"/> is null for a collected tombstone (its content was
/// dropped by garbage collection; only its ids and place remain).
/// </summary>
public sealed record TextInsert(Dot Id, Dot? OriginLeft, Dot? OriginRight, int Length, string? Text) : TextOp;

/// <summary>Deletes the characters in <see cref="Ranges"/>: a grow-only set, so applying it twice changes nothing.</summary>
public sealed record TextDelete(IReadOnlyList<IdRange> Ranges) : TextOp;

/// <summary><see cref="Length"/> consecutive character ids of one replica, from counter <see cref="Start"/>.</summary>
public readonly record struct IdRange(ReplicaId Replica, ulong Start, int Length)
{
    public ulong End => Start + (ulong)Length - 1;
}
