using System.Globalization;
using Locus.Hardware.Thermal;
using Spectre.Console;

namespace Locus.Cli.Commands;

/// <summary>`locus thermal` for a person: a summary table and plain-character charts of T_j and tokens/s over time.</summary>
internal static class ThermalOutput
{
    private const int ChartWidth = 64;

    public static void Print(ThermalResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var r = result.Request;
        AnsiConsole.MarkupLineInterpolated(
            $"[bold]{r.Model.Name}[/] on [bold]{r.Device.Name}[/] in a [bold]{r.Envelope.Name.ToLowerInvariant()}[/] ({r.Envelope.Description}), target {Speed(result.TargetTokensPerSecond)}, duty {r.Duty:0.##}, ambient {r.AmbientC:0.#} °C, {r.DurationSeconds / 60:0.#} min at {r.StepSeconds * 1000:0.#} ms steps");
        var table = new Table().AddColumns("", "value");
        foreach (var (name, value) in Rows(result))
        {
            table.AddRow(Markup.Escape(name), Markup.Escape(value));
        }

        AnsiConsole.Write(table);

        var trace = result.Trace;
        var throttleStep = result.TimeToThrottleSeconds is { } t ? (int?)Math.Min(trace.Count - 1, (int)Math.Round(t / trace.StepSeconds)) : null;
        var low = Math.Floor(Math.Min(r.AmbientC, trace.JunctionC.Min()) / 5) * 5;
        var high = Math.Ceiling((Math.Max(result.JunctionLimitC, result.PeakJunctionC) + 2) / 5) * 5;
        Console.WriteLine();
        Console.WriteLine($"  junction temperature, °C   (---- limit {Number(result.JunctionLimitC)} °C{Throttle(result)})");
        Lines(TextChart.Render(trace.JunctionC, low, high, result.JunctionLimitC, throttleStep, ChartWidth));
        Lines(TextChart.Axis(Math.Min(ChartWidth, trace.Count), r.DurationSeconds / 60));
        Console.WriteLine();
        Console.WriteLine($"  tokens/s while generating   (---- target {Number(result.TargetTokensPerSecond)}; roofline max {Number(result.Load.MaxTokensPerSecond)})");
        var top = Math.Ceiling(Math.Max(result.TargetTokensPerSecond, result.Load.MaxTokensPerSecond) * 1.1);
        Lines(TextChart.Render(trace.TokensPerSecond, 0, top, result.TargetTokensPerSecond, throttleStep, ChartWidth, 8));
        Lines(TextChart.Axis(Math.Min(ChartWidth, trace.Count), r.DurationSeconds / 60));
    }

    /// <summary>`--envelope all`: the presets side by side (one row each) for the same model and target.</summary>
    public static void Compare(IReadOnlyList<ThermalResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var r = results[0].Request;
        AnsiConsole.MarkupLineInterpolated($"[bold]{r.Model.Name}[/], target {Speed(r.TargetTokensPerSecond)}, duty {r.Duty:0.##}, ambient {r.AmbientC:0.#} °C, {r.DurationSeconds / 60:0.#} min");
        // Plain aligned text: fits 80 columns where Spectre would wrap nine columns into unreadable cells.
        string[] header = ["envelope", "device", "max t/s", "sustained", "binding", "throttles", "peak/limit C", "J/token", "W end"];
        var rows = results.Select(x => new[]
        {
            x.Request.Envelope.Id,
            x.Request.Device.Id,
            Number(x.Load.MaxTokensPerSecond),
            Number(x.SustainedTokensPerSecond),
            x.Binding.Name(),
            x.TimeToThrottleSeconds is { } t ? $"{t / 60:0.0} min" : "never",
            $"{Number(x.PeakJunctionC)}/{Number(x.JunctionLimitC)}",
            x.JoulesPerToken.ToString("0.00", CultureInfo.InvariantCulture),
            Number(x.Trace.Watts[^1]),
        }).Prepend(header).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(c => rows.Max(row => row[c].Length)).ToArray();
        foreach (var row in rows)
        {
            Console.WriteLine(string.Join("  ", row.Select((cell, c) => c < 2 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
        }

        AnsiConsole.MarkupLine("[grey]peak °C is peak/limit; sustained is the mean over the last 10% of the run[/]");
    }

    private static IEnumerable<(string Name, string Value)> Rows(ThermalResult x)
    {
        yield return ("roofline max, tokens/s", Number(x.Load.MaxTokensPerSecond));
        yield return ("sustained, tokens/s (last 10%)", Number(x.SustainedTokensPerSecond));
        yield return ("binding limit", x.Binding.Name());
        yield return ("time to throttle", x.TimeToThrottleSeconds is { } t ? $"{t / 60:0.0} min ({t:0} s)" : "never");
        yield return ("peak junction, °C", $"{Number(x.PeakJunctionC)} (limit {Number(x.JunctionLimitC)})");
        yield return ("final junction / heatsink, °C", $"{Number(x.Trace.JunctionC[^1])} / {Number(x.Trace.SinkC[^1])}");
        yield return ("joules per token", x.JoulesPerToken.ToString("0.###", CultureInfo.InvariantCulture));
        yield return ("power at start / end, W", $"{Number(x.Trace.Watts[0])} / {Number(x.Trace.Watts[^1])} (cap {Number(x.PowerCapWatts)})");
    }

    private static string Throttle(ThermalResult x) =>
        x.TimeToThrottleSeconds is { } t ? $"; :::: throttles at {t / 60:0.0} min, then holds {Number(x.SetpointC)} °C" : "; never throttles";

    private static string Speed(double? target) => target is { } t ? Number(t) + " tokens/s" : "as fast as it goes";

    private static string Number(double v) => v.ToString(Math.Abs(v) >= 100 ? "0" : "0.#", CultureInfo.InvariantCulture);

    private static void Lines(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            Console.WriteLine(line);
        }
    }
}
