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
        {
            throw new FormatException("not an encoded text document");
        }

        if (reader.UInt() != FormatVersion)
        {
            throw new FormatException("unknown text document format version");
        }

        var document = new TextDocument(replica);
        var replicaCount = reader.Count((data.Length - reader.Position) / 8);
        var map = new int[replicaCount];
        for (var i = 0; i < replicaCount; i++)
        {
            var id = new ReplicaId(reader.Fixed64());
            if (i > 0 && id <= document._replicas[map[i - 1]])
            {
                throw new FormatException("replica ids out of order");
            }

            map[i] = document.IndexOf(id);
        }

        var runCount = reader.Count(data.Length - reader.Position);
        var runs = new TextItem[runCount];
        var nextCounter = new ulong[replicaCount];
        Array.Fill(nextCounter, 1UL);
        for (var i = 0; i < runCount; i++)
        {
            runs[i] = ReadRun(ref reader, runs, i, nextCounter);
        }

        for (var i = 0; i < runCount; i++)
        {
            ResolveNext(runs, i);
        }

        var content = ReadContent(ref reader, runs);
        if (!reader.End)
        {
            throw new FormatException("bytes after the encoded text document");
        }

        document.Load(runs, map, content);
        return document;
    }

    private static TextItem ReadRun(ref VarReader reader, TextItem[] runs, int i, ulong[] nextCounter)
    {
        var (state, left, right, replica, length) = RunHeader.Read(ref reader, nextCounter.Length);
        if (i == 0 && (replica < 0 || left == RunHeader.AsPrevious || right == RunHeader.AsPrevious))
        {
            throw new FormatException("first run refers to a previous one");
        }

        var run = new TextItem
        {
            Replica = replica < 0 ? runs[i - 1].Replica : replica,
            Length = length,
            NextPiece = -1,
            Deleted = state != RunHeader.Visible,
            Content = state == RunHeader.Collected ? -1 : 0,
        };
        (run.LeftReplica, run.LeftCounter) = left switch
        {
            RunHeader.None => (-1, 0UL),
            RunHeader.Explicit => (ReadReplica(ref reader, nextCounter.Length), Offset(reader.UInt(), 0)),
            RunHeader.AsPrevious => (runs[i - 1].LeftReplica, runs[i - 1].LeftCounter),
            _ => RunEnd(runs, i - Distance(ref reader, left, i)),
        };
        (run.RightReplica, run.RightCounter) = right switch
        {
            RunHeader.None => (-1, 0UL),
            RunHeader.Explicit => (ReadReplica(ref reader, nextCounter.Length), Offset(reader.UInt(), 0)),
            RunHeader.AsPrevious => (runs[i - 1].RightReplica, runs[i - 1].RightCounter),
            _ => (-2, (ulong)(i + Distance(ref reader, right, runs.Length - 1 - i))), // the run that far on: resolved once read
        };
        var basis = run.LeftReplica == run.Replica ? Offset(run.LeftCounter, 1) : nextCounter[run.Replica];
        run.Counter = Offset(basis, reader.Int());
        nextCounter[run.Replica] = Offset(run.End, 1);
        return run;
    }

    /// <summary>How many runs away an origin is (1 for the adjacent run), at most <paramref name="limit"/>.</summary>
    private static int Distance(ref VarReader reader, int mode, int limit)
    {
        var distance = mode == RunHeader.Adjacent ? 1UL : reader.UInt() + 2;
        return distance >= 1 && distance <= (ulong)limit ? (int)distance : throw new FormatException("origin refers to a run that does not exist");
    }

    private static (int, ulong) RunEnd(TextItem[] runs, int index) => (runs[index].Replica, runs[index].End);

    private static void ResolveNext(TextItem[] runs, int i)
    {
        if (runs[i].RightReplica != -2)
        {
            return;
        }

        var target = (int)runs[i].RightCounter;
        runs[i].RightReplica = runs[target].Replica;
        runs[i].RightCounter = runs[target].Counter;
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
        {
            expected += run.Content < 0 ? 0 : run.Length;
        }

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
        {
            throw new FormatException("content shorter than its runs");
        }

        var codePoints = new int[expected];
        var count = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (count == expected)
            {
                throw new FormatException("content longer than its runs");
            }

            codePoints[count++] = rune.Value;
        }

        return count == expected ? codePoints : throw new FormatException("content shorter than its runs");
    }
}
