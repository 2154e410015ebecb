using Locus.Mesh.Crdt.Sync;
using Locus.Mesh.Encoding;

namespace Locus.Mesh.Crdt.Sets;

/// <summary>
/// Context; entries in the byte order of their encoded elements (strictly ascending: canonical, no element twice),
/// each with its dots ascending; then the alive dots ascending. Dots name their replica by index into the context.
/// </summary>
public sealed class OrSetDeltaCodec<T>(IValueCodec<T> values) : IDeltaCodec<OrSetDelta<T>>
    where T : notnull
{
    public void Write(VarWriter writer, OrSetDelta<T> delta)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(delta);
        delta.Context.WriteTo(writer);
        var replicas = new ReplicaTable(delta.Context);
        var encoded = delta.Entries.Select(e => (Bytes: ElementBytes(e.Key), Dots: e.Value)).ToList();
        encoded.Sort((x, y) => x.Bytes.AsSpan().SequenceCompareTo(y.Bytes));
        writer.UInt((ulong)encoded.Count);
        foreach (var (bytes, dots) in encoded)
        {
            writer.Bytes(bytes);
            WriteDots(writer, replicas, dots);
        }

        WriteDots(writer, replicas, delta.Alive);
    }

    public OrSetDelta<T> Read(ref VarReader reader)
    {
        var context = VersionVector.ReadFrom(ref reader);
        var replicas = new ReplicaTable(context);
        var count = reader.Count(1 << 24);
        var entries = new List<KeyValuePair<T, IReadOnlyList<Dot>>>(Math.Min(count, 1024));
        ReadOnlySpan<byte> previous = default;
        for (var i = 0; i < count; i++)
        {
            var bytes = reader.Bytes();
            if (i > 0 && previous.SequenceCompareTo(bytes) >= 0)
            {
                throw new FormatException($"set elements out of order at entry {i}");
            }

            var element = ReadElement(bytes);
            var dots = ReadDots(ref reader, replicas);
            if (dots.Count == 0)
            {
                throw new FormatException($"set element {i} has no dots");
            }

            entries.Add(new(element, dots));
            previous = bytes;
        }

        return new OrSetDelta<T>(context, entries, ReadDots(ref reader, replicas));
    }

    private byte[] ElementBytes(T element)
    {
        var writer = new VarWriter(32);
        values.Write(writer, element);
        return writer.ToArray();
    }

    private T ReadElement(ReadOnlySpan<byte> bytes)
    {
        var reader = new VarReader(bytes);
        var element = values.Read(ref reader);
        if (!reader.End)
        {
            throw new FormatException("trailing bytes after a set element");
        }

        return element;
    }

    private static void WriteDots(VarWriter writer, ReplicaTable replicas, IReadOnlyList<Dot> dots)
    {
        writer.UInt((ulong)dots.Count);
        foreach (var dot in dots.Order())
        {
            replicas.WriteDot(writer, dot);
        }
    }

    private static List<Dot> ReadDots(ref VarReader reader, ReplicaTable replicas)
    {
        var count = reader.Count(1 << 24);
        var dots = new List<Dot>(Math.Min(count, 1024));
        for (var i = 0; i < count; i++)
        {
            var dot = replicas.ReadDot(ref reader);
            if (i > 0 && dots[^1] >= dot)
            {
                throw new FormatException("dots out of order");
            }

            dots.Add(dot);
        }

        return dots;
    }
}
