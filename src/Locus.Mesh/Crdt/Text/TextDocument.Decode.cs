using System.Text;
using Locus.Mesh.Encoding;

namespace Locus.Mesh.Crdt.Text;

public sealed partial class TextDocument
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Rebuilds a document from <see cref="Encode"/>'s bytes, as replica <paramref name="replica"/> (which continues its
    /// own counters when the document already holds its edits). Malformed input throws <see cref="FormatException"/>.
    /// </summary>
    public static TextDocument Decode(ReadOnlySpan<byte> data, ReplicaId replica)
    {
        var reader = new VarReader(data);
        if (reader.Byte() != (byte)'L' || reader.Byte() != (byte)'T')
            throw new FormatException("not an encoded text document");
        if (reader.UInt() != FormatVersion)
            throw new FormatException("unknown text document format version");

        var document = new TextDocument(replica);
        var replicaCount = reader.Count((data.Length - reader.Position) / 8);
        var map = new int[replicaCount];
        for (var i = 0; i < replicaCount; i++)
        {
            var id = new ReplicaId(reader.Fixed64());
            if (i > 0 && id <= document._replicas[map[i - 1]])
                throw new FormatException("replica ids out of order");
            map[i] = document.IndexOf(id);
        }

        var runCount = reader.Count(data.Length - reader.Position);
        var runs = new TextItem[runCount];
        var nextCounter = new ulong[replicaCount];
        Array.Fill(nextCounter, 1UL);
        for (var i = 0; i < runCount; i++)
            runs[i] = ReadRun(ref reader, runs, i, nextCounter);
        for (var i = 0; i < runCount; i++)
            ResolveNext(runs, i);

        var content = ReadContent(ref reader, runs);
        if (!reader.End)
            throw new FormatException("bytes after the encoded text document");
        document.Load(runs, map, content);
        return document;
    }

    private static TextItem ReadRun(ref VarReader reader, TextItem[] runs, int i, ulong[] nextCounter)
    {
        var flags = reader.Byte();
        if (flags >= 128 || (flags & (FlagLeftNone | FlagLeftIsPrevious)) == (FlagLeftNone | FlagLeftIsPrevious)
            || (flags & (FlagRightNone | FlagRightIsNext)) == (FlagRightNone | FlagRightIsNext)
            || ((flags & FlagCollected) != 0 && (flags & FlagDeleted) == 0))
            throw new FormatException("invalid run flags");
        if (i == 0 && (flags & (FlagSameReplica | FlagLeftIsPrevious)) != 0)
            throw new FormatException("first run refers to a previous one");
        if (i + 1 == runs.Length && (flags & FlagRightIsNext) != 0)
            throw new FormatException("last run refers to a next one");

        var run = new TextItem { Deleted = (flags & FlagDeleted) != 0, Content = (flags & FlagCollected) != 0 ? -1 : 0, NextPiece = -1 };
        run.Replica = (flags & FlagSameReplica) != 0 ? runs[i - 1].Replica : ReadReplica(ref reader, nextCounter.Length);
        run.Counter = Offset(nextCounter[run.Replica], reader.Int());
        run.Length = reader.Count(int.MaxValue / 2);
        if (run.Length == 0)
            throw new FormatException("empty run");
        nextCounter[run.Replica] = Offset(run.End, 1);
        run.LeftReplica = -1;
        run.RightReplica = -1;
        if ((flags & FlagLeftIsPrevious) != 0)
        {
            run.LeftReplica = runs[i - 1].Replica;
            run.LeftCounter = runs[i - 1].End;
        }
        else if ((flags & FlagLeftNone) == 0)
        {
            run.LeftReplica = ReadReplica(ref reader, nextCounter.Length);
            run.LeftCounter = Offset(run.Counter, reader.Int());
        }

        if ((flags & FlagRightIsNext) != 0)
            run.RightReplica = -2; // resolved once the next run is read
        else if ((flags & FlagRightNone) == 0)
        {
            run.RightReplica = ReadReplica(ref reader, nextCounter.Length);
            run.RightCounter = Offset(run.Counter, reader.Int());
        }

        return run;
    }

    private static void ResolveNext(TextItem[] runs, int i)
    {
        if (runs[i].RightReplica != -2)
            return;
        runs[i].RightReplica = runs[i + 1].Replica;
        runs[i].RightCounter = runs[i + 1].Counter;
    }

    private static int ReadReplica(ref VarReader reader, int count)
    {
        var value = reader.UInt();
        return value < (ulong)count ? (int)value : throw new FormatException("replica index out of range");
    }

    /// <summary>Counter arithmetic that stays in 1..2^62 (peer data must not wrap around).</summary>
    private static ulong Offset(ulong counter, long delta)
    {
        var value = (long)counter + delta;
        return value is >= 1 and < 1L << 62 && counter < 1UL << 62 ? (ulong)value : throw new FormatException("counter out of range");
    }

    private static int[] ReadContent(ref VarReader reader, TextItem[] runs)
    {
        long expected = 0;
        foreach (var run in runs)
            expected += run.Content < 0 ? 0 : run.Length;
        string text;
        try
        {
            text = StrictUtf8.GetString(reader.Bytes());
        }
        catch (ArgumentException e)
        {
            throw new FormatException("content is not valid UTF-8", e);
        }

        if (expected > text.Length)
            throw new FormatException("content shorter than its runs");
        var codePoints = new int[expected];
        var count = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (count == expected)
                throw new FormatException("content longer than its runs");
            codePoints[count++] = rune.Value;
        }

        return count == expected ? codePoints : throw new FormatException("content shorter than its runs");
    }
}
