using Locus.Mesh.Encoding;

namespace Locus.Mesh.Crdt.Sync;

/// <summary>
/// What sync needs from every replicated type: what this replica has seen, the part of its state a peer lacks, and an
/// idempotent, commutative, associative merge of such a part. A delta for an empty vector is the whole state, so the
/// state's encoding is its delta codec's encoding of that delta.
/// </summary>
public interface IDeltaCrdt<TDelta>
{
    /// <summary>A snapshot of the events this replica has seen.</summary>
    VersionVector Version { get; }

    /// <summary>Everything a peer that has seen <paramref name="peerHas"/> needs to catch up with this replica.</summary>
    TDelta DeltaFor(VersionVector peerHas);

    void Merge(TDelta delta);

    /// <summary>The canonical encoding of the whole state: equal states give equal bytes.</summary>
    void Encode(VarWriter writer);
}
