using Locus.Core.Errors;

namespace Locus.RouterLab.Data;

/// <summary>A whole CSV file: its header and its rows, with columns found by name.</summary>
public sealed class CsvTable
{
    private CsvTable(string path, IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        Path = path;
        Header = header;
        Rows = rows;
    }

    public string Path { get; }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }

    public static CsvTable Load(string path)
    {
        using var reader = new StreamReader(path);
        var records = CsvReader.Read(reader).ToList();
        if (records.Count == 0)
        {
            throw new LocusException(LocusError.Invalid($"{path} is empty: a header row is required"));
        }

        foreach (var (row, index) in records.Skip(1).Select((r, i) => (r, i)))
        {
            if (row.Count != records[0].Count)
            {
                throw new LocusException(LocusError.Invalid($"{path}: record {index + 2} has {row.Count} fields, the header {records[0].Count}; check its quoting"));
            }
        }

        return new CsvTable(path, records[0], records.Skip(1).ToList());
    }

    /// <summary>The index of the named column; a clear error listing the columns when it is missing.</summary>
    public int Column(string name)
    {
        for (var i = 0; i < Header.Count; i++)
        {
            if (Header[i] == name)
            {
                return i;
            }
        }

        throw new LocusException(LocusError.Invalid($"{Path} has no column '{name}'; columns: {string.Join(", ", Header)}", "column"));
    }
}
