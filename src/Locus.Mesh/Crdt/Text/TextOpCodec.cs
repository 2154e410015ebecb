using Locus.Mesh.Crdt.Sync;
using Locus.Mesh.Encoding;

namespace Locus.Mesh.Crdt.Text;

/// <summary>
/// Writes a batch of text operations (a local edit, or what <see cref="TextDocument.Delta"/> returned) as a delta, so
/// the store can log them like any other CRDT's deltas. Ids are written in full (8-byte replica + counter): unlike
/// <see cref="TextDocument.Encode"/> this is a log entry of a few operations, not a whole document.
/// </summary>
public sealed class TextOpCodec : IDeltaCodec<IReadOnlyList<TextOp>>
{
    private const byte InsertTag = 0, DeleteTag = 1;
    private const byte HasLeft = 1, HasRight = 2, HasText = 4;

    public static TextOpCodec Instance { get; } = new();

    public void Write(VarWriter writer, IReadOnlyList<TextOp> delta)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(delta);
        writer.UInt((ulong)delta.Count);
        foreach (var op in delta)
        {
            switch (op)
            {
                case TextInsert insert:
                    writer.Byte(InsertTag);
                    WriteDot(writer, insert.Id);
                    writer.Byte((byte)((insert.OriginLeft is null ? 0 : HasLeft) | (insert.OriginRight is null ? 0 : HasRight) | (insert.Text is null ? 0 : HasText)));
                    if (insert.OriginLeft is { } left)
                    {
                        WriteDot(writer, left);
                    }

                    if (insert.OriginRight is { } right)
                    {
                        WriteDot(writer, right);
                    }

                    writer.UInt((ulong)insert.Length);
                    if (insert.Text is { } text)
                    {
                        writer.String(text);
                    }

                    break;
                case TextDelete delete:
                    writer.Byte(DeleteTag).UInt((ulong)delete.Ranges.Count);
                    foreach (var range in delete.Ranges)
                    {
                        writer.Fixed64(range.Replica.Value).UInt(range.Start).UInt((ulong)range.Length);
                    }

                    break;
                default:
                    throw new ArgumentException($"unknown text operation {op.GetType().Name}", nameof(delta));
            }
        }
    }

    public IReadOnlyList<TextOp> Read(ref VarReader reader)
    {
        var count = reader.Count();
        var ops = new List<TextOp>(Math.Min(count, 1024));
        for (var i = 0; i < count; i++)
        {
            ops.Add(reader.Byte() switch
            {
                InsertTag => ReadInsert(ref reader),
                DeleteTag => ReadDelete(ref reader),
                var tag => throw new FormatException($"unknown text operation tag {tag}"),
            });
        }

        return ops;
    }

    private static TextInsert ReadInsert(ref VarReader reader)
    {
        var id = ReadDot(ref reader);
        var flags = reader.Byte();
        if ((flags & ~(HasLeft | HasRight | HasText)) != 0)
        {
            throw new FormatException($"unknown insert flags {flags}");
        }

        Dot? left = (flags & HasLeft) != 0 ? ReadDot(ref reader) : null;
        Dot? right = (flags & HasRight) != 0 ? ReadDot(ref reader) : null;
        var length = reader.Count();
        var text = (flags & HasText) != 0 ? reader.String() : null;
        if (length == 0)
        {
            throw new FormatException("an insert of no characters");
        }

        if (text is not null && text.EnumerateRunes().Count() != length)
        {
            throw new FormatException($"insert {id} says {length} code points but carries a different number");
        }

        return new TextInsert(id, left, right, length, text);
    }

    private static TextDelete ReadDelete(ref VarReader reader)
    {
        var count = reader.Count();
        var ranges = new List<IdRange>(Math.Min(count, 1024));
        for (var i = 0; i < count; i++)
        {
            var replica = new ReplicaId(reader.Fixed64());
            var start = reader.UInt();
            var length = reader.Count();
            if (start == 0 || length == 0)
            {
                throw new FormatException("an empty or zero-based delete range");
            }

            ranges.Add(new IdRange(replica, start, length));
        }

        return new TextDelete(ranges);
    }

    private static void WriteDot(VarWriter writer, Dot dot) => writer.Fixed64(dot.Replica.Value).UInt(dot.Counter);

    private static Dot ReadDot(ref VarReader reader)
    {
        var dot = new Dot(new ReplicaId(reader.Fixed64()), reader.UInt());
        return dot.Counter == 0 ? throw new FormatException("a character id with counter 0") : dot;
    }
}
