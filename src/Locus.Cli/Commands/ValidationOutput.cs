using System.Globalization;
using System.Text.Json.Nodes;
using Locus.Hardware.Performance;
using Spectre.Console;

namespace Locus.Cli.Commands;

/// <summary>`locus plan --validate CSV`: predicted vs measured for every row, in-sample and held out.</summary>
internal static class ValidationOutput
{
    public static void Print(ValidationReport report, bool json, bool markdown)
    {
        var f = report.Fitted;
        if (json)
        {
            var rows = new JsonArray();
            foreach (var r in report.Rows)
            {
                rows.Add(new JsonObject { ["device"] = r.Case.Row.Device, ["gpu_cores"] = r.Case.Row.GpuCores, ["quant"] = r.Case.Row.Quant, ["test"] = r.Case.Row.Test, ["measured"] = r.Measured, ["predicted"] = Round(r.Predicted), ["error_pct"] = Round(r.ErrorPercent), ["predicted_held_out"] = Round(r.PredictedHeldOut), ["held_out_error_pct"] = Round(r.HeldOutErrorPercent) });
            }

            Console.WriteLine(new JsonObject
            {
                ["decode_bandwidth"] = f.DecodeBandwidth,
                ["decode_layer_overhead_s"] = f.DecodeLayerOverheadSeconds,
                ["prefill_compute"] = f.PrefillCompute,
                ["median_abs_error_pct"] = Round(report.MedianAbsErrorPercent),
                ["max_abs_error_pct"] = Round(report.MaxAbsErrorPercent),
                ["median_abs_held_out_error_pct"] = Round(report.MedianAbsHeldOutErrorPercent),
                ["max_abs_held_out_error_pct"] = Round(report.MaxAbsHeldOutErrorPercent),
                ["rows"] = rows,
            }.ToJsonString());
            return;
        }

        string[] header = ["device", "GPU cores", "quant", "test", "measured t/s", "predicted", "error", "held-out predicted", "held-out error"];
        var lines = report.Rows.Select(r => new[]
        {
            r.Case.Row.Device, r.Case.Row.GpuCores?.ToString(CultureInfo.InvariantCulture) ?? "", r.Case.Row.Quant, r.Case.Row.Test, N(r.Measured), N(r.Predicted),
            Pct(r.ErrorPercent), N(r.PredictedHeldOut), Pct(r.HeldOutErrorPercent),
        }).ToList();
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"Fitted: decode bandwidth efficiency {f.DecodeBandwidth:0.000}, per-layer overhead {f.DecodeLayerOverheadSeconds * 1e6:0.0} µs, prefill compute efficiency {f.PrefillCompute:0.000}. "
            + $"In-sample |error|: median {report.MedianAbsErrorPercent:0.0}%, max {report.MaxAbsErrorPercent:0.0}%. "
            + $"Leave-one-out |error|: median {report.MedianAbsHeldOutErrorPercent:0.0}%, max {report.MaxAbsHeldOutErrorPercent:0.0}%.");
        if (markdown)
        {
            Console.WriteLine("| " + string.Join(" | ", header) + " |");
            Console.WriteLine("|" + string.Concat(header.Select(_ => "---|")));
            foreach (var line in lines)
            {
                Console.WriteLine("| " + string.Join(" | ", line) + " |");
            }

            Console.WriteLine();
            Console.WriteLine(summary);
            return;
        }

        var table = new Table().AddColumns(header);
        foreach (var line in lines)
        {
            table.AddRow([.. line.Select(Markup.Escape)]);
        }

        AnsiConsole.Write(table);
        Console.WriteLine(summary);
    }

    private static double Round(double value) => Math.Round(value, 2);

    private static string N(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Pct(double value) => value.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + "%";
}
