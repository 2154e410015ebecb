namespace Locus.Mesh.Crdt;

/// <summary>One event of one replica: the replica's <paramref name="Counter"/>-th operation (counters start at 1).</summary>
public readonly record struct Dot(ReplicaId Replica, ulong Counter) : IComparable<Dot>
{
    /// <summary>Total order used to break ties between concurrent events: counter, then replica.</summary>
    public int CompareTo(Dot other)
    {
        var byCounter = Counter.CompareTo(other.Counter);
        return byCounter != 0 ? byCounter : Replica.CompareTo(other.Replica);
    }

    public static bool operator <(Dot left, Dot right) => left.CompareTo(right) < 0;

    public static bool operator >(Dot left, Dot right) => left.CompareTo(right) > 0;

    public static bool operator <=(Dot left, Dot right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Dot left, Dot right) => left.CompareTo(right) >= 0;

    public override string ToString() => $"{Replica}:{Counter}";
}
