using System.Globalization;
using System.Text;

namespace Locus.Hardware.Performance;

/// <summary>
/// Reads the llama-bench CSV format of ../shared/data/hardware/llama-bench-apple.csv:
/// <c>device,gpu_cores,memory_bandwidth_gbs,model,params_b,quant,model_size_gib,test,tokens_per_s,source</c>.
/// </summary>
public static class BenchCsv
{
    private static readonly string[] Header =
        ["device", "gpu_cores", "memory_bandwidth_gbs", "model", "params_b", "quant", "model_size_gib", "test", "tokens_per_s", "source"];

    /// <exception cref="FormatException">The header differs or a row is malformed; the message names the line.</exception>
    public static IReadOnlyList<BenchRow> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || !Fields(lines[0]).SequenceEqual(Header))
        {
            throw new FormatException($"{path}: expected the header {string.Join(',', Header)}");
        }

        var rows = new List<BenchRow>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            var f = Fields(lines[i]);
            if (f.Count != Header.Length)
            {
                throw new FormatException($"{path}, line {i + 1}: expected {Header.Length} fields, found {f.Count}");
            }

            try
            {
                rows.Add(new BenchRow(f[0], f[1].Length == 0 ? null : int.Parse(f[1], CultureInfo.InvariantCulture), Number(f[2]), f[3], Number(f[4]), f[5],
                    Number(f[6]), f[7], Number(f[8]), f[9]));
            }
            catch (FormatException e)
            {
                throw new FormatException($"{path}, line {i + 1}: {e.Message}", e);
            }
        }

        return rows;
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Splits one line; fields may be double-quoted (with "" for a quote).</summary>
    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                current.Append(line[++i]);
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return fields;
    }
}
