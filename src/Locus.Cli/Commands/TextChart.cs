using System.Globalization;
using System.Text;

namespace Locus.Cli.Commands;

/// <summary>
/// A line chart in plain characters (no box drawing, no colour) so it reads the same in any terminal, a log file or a
/// test: '*' for the series, a row of '-' for a marked level (a limit or a target) and a column of ':' at a marked
/// time (the throttle point). Each column shows the highest value of its time bucket, so a peak is never hidden.
/// </summary>
internal static class TextChart
{
    /// <param name="values">The series, one value per simulation step.</param>
    /// <param name="level">A value to draw as a horizontal line, or null.</param>
    /// <param name="markIndex">A step to draw as a vertical line, or null.</param>
    public static IReadOnlyList<string> Render(double[] values, double yMin, double yMax, double? level, int? markIndex, int width = 64, int height = 12)
    {
        ArgumentNullException.ThrowIfNull(values);
        var columns = Math.Min(width, values.Length);
        var grid = new char[height, columns];
        for (var r = 0; r < height; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                grid[r, c] = ' ';
            }
        }

        int Row(double v) => Math.Clamp((int)Math.Round((yMax - v) / (yMax - yMin) * (height - 1)), 0, height - 1);
        int Column(int index) => (int)((long)index * columns / values.Length);

        if (level is { } l && l >= yMin && l <= yMax)
        {
            for (var c = 0; c < columns; c++)
            {
                grid[Row(l), c] = '-';
            }
        }

        if (markIndex is { } m)
        {
            for (var r = 0; r < height; r++)
            {
                grid[r, Column(m)] = ':';
            }
        }

        for (var c = 0; c < columns; c++)
        {
            var (from, to) = ((int)((long)c * values.Length / columns), (int)((long)(c + 1) * values.Length / columns));
            var top = double.NegativeInfinity;
            for (var i = from; i < Math.Max(to, from + 1); i++)
            {
                top = Math.Max(top, values[i]);
            }

            grid[Row(top), c] = '*';
        }

        var lines = new List<string>(height);
        for (var r = 0; r < height; r++)
        {
            var label = r == 0 || r == height - 1 || (level is { } lv && r == Row(lv))
                ? Number(r == 0 ? yMax : r == height - 1 ? yMin : level!.Value) : "";
            var line = new StringBuilder(label.PadLeft(7)).Append(" |");
            for (var c = 0; c < columns; c++)
            {
                line.Append(grid[r, c]);
            }

            lines.Add(line.ToString().TrimEnd());
        }

        return lines;
    }

    /// <summary>The x axis: a rule and the start and end times in minutes.</summary>
    public static IReadOnlyList<string> Axis(int columns, double totalMinutes)
    {
        var end = Number(totalMinutes) + " min";
        return [new string(' ', 8) + "+" + new string('-', columns), new string(' ', 9) + "0" + end.PadLeft(columns - 1)];
    }

    private static string Number(double v) => v.ToString(Math.Abs(v) >= 100 ? "0" : "0.#", CultureInfo.InvariantCulture);
}
