namespace Locus.Mesh.Crdt.Sets;

/// <summary>
/// What an observed-remove set sends a peer: the sender's version vector, the elements whose add dots the peer lacks
/// (with those dots), and the dots the sender still holds among those the peer has (<see cref="Alive"/>, no values).
/// The peer drops any dot of its own that the context covers but the delta does not hold: that is how a removal
/// travels without a tombstone. For an empty peer vector the delta is the whole state and <see cref="Alive"/> is empty.
/// </summary>
public sealed record OrSetDelta<T>(VersionVector Context, IReadOnlyList<KeyValuePair<T, IReadOnlyList<Dot>>> Entries, IReadOnlyList<Dot> Alive)
    where T : notnull;
