using Locus.Mesh.Crdt.Clocks;
using Locus.Mesh.Crdt.Sync;
using Locus.Mesh.Encoding;

namespace Locus.Mesh.Crdt.Registers;

/// <summary>
/// Last-writer-wins register: the write with the latest hybrid-clock reading wins; equal wall time and logical
/// counter fall back to the writer's replica id, so concurrent writes resolve the same way everywhere.
/// Not thread-safe: one owner applies local writes and merges.
/// </summary>
public sealed class LwwRegister<T>(ReplicaId replica, HybridLogicalClock clock, IValueCodec<T> values)
    : IDeltaCrdt<LwwRegisterDelta<T>>
{
    private readonly VersionVector _seen = new();
    private readonly LwwRegisterDeltaCodec<T> _codec = new(values);
    private LwwEntry<T>? _current;

    public bool HasValue => _current is { Removed: false };

    public T? Value => _current is { Removed: false } current ? current.Value : default;

    public LwwEntry<T>? Current => _current;

    public VersionVector Version => _seen.Clone();

    public void Set(T value) => Write(false, value);

    /// <summary>Clears the register; a clear is a write, so it wins over older concurrent sets.</summary>
    public void Clear() => Write(true, default);

    public LwwRegisterDelta<T> DeltaFor(VersionVector peerHas)
    {
        ArgumentNullException.ThrowIfNull(peerHas);
        var entry = _current is { } current && !peerHas.Includes(current.Dot) ? current : (LwwEntry<T>?)null;
        return new LwwRegisterDelta<T>(_seen.Clone(), entry);
    }

    public void Merge(LwwRegisterDelta<T> delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        if (delta.Entry is { } incoming)
        {
            clock.Receive(incoming.Stamp);
            if (_current is not { } current || incoming.Stamp > current.Stamp)
            {
                _current = incoming;
            }
        }

        _seen.Merge(delta.Context);
    }

    public void Encode(VarWriter writer) => _codec.Write(writer, DeltaFor(new VersionVector()));

    /// <summary>Merges a state written by <see cref="DeltaCodec.EncodeState{TDelta}"/> (a restart, or a peer's
    /// snapshot); malformed bytes throw <see cref="FormatException"/> and leave this replica unchanged.</summary>
    public void Load(ReadOnlySpan<byte> state) => Merge(DeltaCodec.FromBytes(_codec, state));

    private void Write(bool removed, T? value)
    {
        var stamp = clock.Now();
        if (stamp.Replica != replica)
        {
            throw new InvalidOperationException($"clock of replica {stamp.Replica} used by replica {replica}");
        }

        var counter = checked(_seen[replica] + 1);
        _current = new LwwEntry<T>(stamp, counter, removed, value);
        _seen.Observe(new Dot(replica, counter));
    }
}
