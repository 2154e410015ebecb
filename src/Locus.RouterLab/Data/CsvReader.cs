using System.Text;
using Locus.Core.Errors;

namespace Locus.RouterLab.Data;

/// <summary>
/// RFC 4180 CSV: comma-separated fields, double-quoted fields may hold commas, line breaks and doubled quotes ("").
/// Records end at CRLF or LF. Blank lines between records are skipped (the data sets never use one-empty-field records).
/// </summary>
public static class CsvReader
{
    public static IEnumerable<IReadOnlyList<string>> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return ReadRecords(reader);
    }

    private static IEnumerable<IReadOnlyList<string>> ReadRecords(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var fieldStarted = false;
        var line = 1;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append((char)c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0 && !fieldStarted:
                    inQuotes = true;
                    fieldStarted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStarted = false;
                    break;
                case '\r' when reader.Peek() == '\n':
                    break;
                case '\n':
                    line++;
                    if (fields.Count > 0 || field.Length > 0 || fieldStarted)
                    {
                        fields.Add(field.ToString());
                        yield return fields.ToArray();
                    }

                    fields.Clear();
                    field.Clear();
                    fieldStarted = false;
                    break;
                default:
                    // A quote inside an unquoted field is not RFC 4180, but real exports contain them: keep it literally.
                    field.Append((char)c);
                    break;
            }
        }

        if (inQuotes)
        {
            throw new LocusException(LocusError.Invalid($"the CSV ends inside a quoted field (opened before line {line}): the file is truncated or has an unbalanced quote"));
        }

        if (fields.Count > 0 || field.Length > 0 || fieldStarted)
        {
            fields.Add(field.ToString());
            yield return fields.ToArray();
        }
    }
}
