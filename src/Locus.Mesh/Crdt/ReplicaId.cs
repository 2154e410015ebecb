using System.Globalization;

namespace Locus.Mesh.Crdt;

/// <summary>
/// A replica (one node's copy of a CRDT). Random 64-bit ids make collisions between a person's few devices
/// negligible without coordination; ties between concurrent operations are broken by comparing ids.
/// </summary>
public readonly record struct ReplicaId(ulong Value) : IComparable<ReplicaId>
{
    public static ReplicaId NewRandom() => new(BitConverter.ToUInt64(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)));

    public int CompareTo(ReplicaId other) => Value.CompareTo(other.Value);

    public static bool operator <(ReplicaId left, ReplicaId right) => left.Value < right.Value;

    public static bool operator >(ReplicaId left, ReplicaId right) => left.Value > right.Value;

    public static bool operator <=(ReplicaId left, ReplicaId right) => left.Value <= right.Value;

    public static bool operator >=(ReplicaId left, ReplicaId right) => left.Value >= right.Value;

    public override string ToString() => Value.ToString("x16", CultureInfo.InvariantCulture);
}
