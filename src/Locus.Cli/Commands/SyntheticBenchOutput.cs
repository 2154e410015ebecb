using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Locus.Hardware.Performance;
using Locus.Hardware.Synthetic;
using Locus.Node.Benchmarking;
using Spectre.Console;

namespace Locus.Cli.Commands;

/// <summary>`locus bench --synthetic` output: one JSON object, or measured vs predicted for a person.</summary>
internal static class SyntheticBenchOutput
{
    public static string Json(SyntheticBenchResult s) =>
        SyntheticBenchJson.Build(s).ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    public static void Print(SyntheticBenchResult s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var (r, p) = (s.Request, s.Predicted);
        AnsiConsole.MarkupLineInterpolated($"[bold]{r.Spec}[/] shaped like {s.Preset.Name}: {s.Model.Parameters / 1e9:0.00}B parameters, {s.Model.Layers} layers, vocab {s.Model.VocabSize:N0}, {PlanOutput.Gib(s.Model.WeightBytes)} of weights");
        AnsiConsole.MarkupLineInterpolated($"  on {s.Device.Name}: {s.Device.BandwidthGbs.Value:0.0} GB/s measured, {s.Device.Tflops.Value:0.###} TFLOPS assumed; {r.Threads} threads; load average {s.LoadAverage?.ToString("0.0", CultureInfo.InvariantCulture) ?? "?"}");
        if (s.LoadAverage > Environment.ProcessorCount)
        {
            AnsiConsole.MarkupLineInterpolated($"  [yellow]load average {s.LoadAverage:0.0} on {Environment.ProcessorCount} cores: other work competes for the CPU, so these numbers measure it too[/]");
        }

        var table = new Table().AddColumns("", "measured (median)", "predicted", "error");
        table.AddRow($"prompt ({r.PromptTokens} tokens)", $"{s.Prefill:0.0} t/s", $"{p.PrefillTokensPerSecond:0.0} t/s", $"{SpeedPrediction.ErrorPercent(p.PrefillTokensPerSecond, s.Prefill):+0;-0}%");
        table.AddRow($"generation ({r.GeneratedTokens} tokens)", $"{s.Decode:0.0} t/s", $"{p.DecodeTokensPerSecond:0.0} t/s", $"{SpeedPrediction.ErrorPercent(p.DecodeTokensPerSecond, s.Decode):+0;-0}%");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"  [grey]efficiency {s.EfficiencySource}; runs: {string.Join(", ", s.Runs.Select(x => $"{x.PromptTokensPerSecond:0}/{x.GenerationTokensPerSecond:0.0}"))} (prompt/generation t/s)[/]");
        if (s.KeptFile is not null)
        {
            AnsiConsole.MarkupLineInterpolated($"  kept {s.KeptFile}");
        }

        if (s.CalibrationFitted is { } c)
        {
            AnsiConsole.MarkupLineInterpolated($"  calibration saved to {s.CalibrationSaved}: decode bandwidth share {c.DecodeBandwidth:0.000}, prefill compute share {c.PrefillCompute:0.000} (use: locus plan --device this --calibration {s.CalibrationSaved})");
        }
    }

    private static double Round(double v) => Math.Round(v, 2);
}
