using System.IO.Compression;
using System.Text.Json;
using Locus.Core.Errors;
using Locus.Mesh.Crdt.Text;

namespace Locus.Cli.Commands;

/// <summary>
/// An editing trace in the josephg/editing-traces format (see ../shared/data/README.md "crdt/"): patches
/// [position, deleted, inserted] in code points, applied in order, and the text they must end with.
/// Parsed into arrays up front so that replaying measures the CRDT, not JSON.
/// </summary>
internal sealed class CrdtTrace
{
    private CrdtTrace(string startContent, string endContent, int[] positions, int[] deletes, string?[] inserts)
    {
        StartContent = startContent;
        EndContent = endContent;
        Positions = positions;
        Deletes = deletes;
        Inserts = inserts;
    }

    public string StartContent { get; }

    public string EndContent { get; }

    public int[] Positions { get; }

    public int[] Deletes { get; }

    public string?[] Inserts { get; }

    public int Count => Positions.Length;

    public static CrdtTrace Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new LocusException(LocusError.Invalid($"--trace: no file '{path}'"));
        }

        try
        {
            using var file = File.OpenRead(path);
            using Stream input = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
            using var json = JsonDocument.Parse(input);
            return Parse(json.RootElement);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            throw new LocusException(LocusError.Invalid($"--trace: '{path}' is not an editing trace ({{startContent, endContent, txns: [{{patches: [[pos, del, text]]}}]}}): {e.Message}"));
        }
    }

    private static CrdtTrace Parse(JsonElement root)
    {
        var positions = new List<int>();
        var deletes = new List<int>();
        var inserts = new List<string?>();
        foreach (var txn in root.GetProperty("txns").EnumerateArray())
        {
            foreach (var patch in txn.GetProperty("patches").EnumerateArray())
            {
                positions.Add(patch[0].GetInt32());
                deletes.Add(patch[1].GetInt32());
                var text = patch[2].GetString();
                inserts.Add(string.IsNullOrEmpty(text) ? null : text);
            }
        }

        var start = root.TryGetProperty("startContent", out var s) ? s.GetString() ?? "" : "";
        return new CrdtTrace(start, root.GetProperty("endContent").GetString() ?? "", [.. positions], [.. deletes], [.. inserts]);
    }

    /// <summary>Applies every patch as local edits of one replica.</summary>
    public TextDocument Replay()
    {
        var document = new TextDocument(new Mesh.Crdt.ReplicaId(1));
        if (StartContent.Length > 0)
        {
            document.Insert(0, StartContent);
        }

        for (var i = 0; i < Positions.Length; i++)
        {
            if (Deletes[i] > 0)
            {
                document.Delete(Positions[i], Deletes[i]);
            }

            if (Inserts[i] is { } text)
            {
                document.Insert(Positions[i], text);
            }
        }

        return document;
    }
}
