using System.CommandLine;
using System.Globalization;
using Locus.Cli.Terminal;
using Locus.RouterLab.Ensembles;
using Spectre.Console;

namespace Locus.Cli.Commands;

/// <summary>
/// `locus router ensemble`: local ensembles of RouterBench's open models against gpt-4 — each model alone, ensembles
/// answering with their plurality/medoid answer, and cascades that escalate on low agreement — quality, cost, escalation.
/// </summary>
internal static class RouterEnsembleCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "A RouterBench CSV or a folder of them", HelpName = "PATH", Required = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (per data set: strategies, cascades, parity)" };
        var command = new Command("ensemble", "Evaluate local ensembles and agreement cascades against the frontier model on RouterBench data") { data, json };
        command.SetAction((parse, _) => CliErrors.Run(() =>
        {
            var path = parse.GetValue(data)!;
            var setup = EnsembleSetup.RouterBench;
            var reports = EnsembleEvaluation.Run(path, setup);
            if (parse.GetValue(json))
            {
                Console.WriteLine(EnsembleJson.Write(path, reports));
                return Task.FromResult(0);
            }

            foreach (var report in reports)
            {
                Print(report, setup);
            }

            AnsiConsole.MarkupLine("Cost is RouterBench's API price per prompt; run locally, the open models cost electricity instead, so read the escalated share as the cloud spend.");
            return Task.FromResult(0);
        }));
        return command;
    }

    private static void Print(EnsembleReport report, EnsembleSetup setup)
    {
        AnsiConsole.MarkupLineInterpolated($"[bold]{report.Data}[/]: {report.Count} prompts; {setup.Frontier} quality {report.Frontier.Quality:0.000}");
        var table = new Table().AddColumns("strategy", "members", "measure", "quality", "USD/prompt", "escalated", "voted");
        foreach (var s in report.Strategies)
        {
            table.AddRow(s.Strategy, Short(s.Members), Measure(s), Number(s.Quality), Usd(s.Cost), Share(s.Escalated), s.Voted is { } v ? Share(v) : "");
        }

        AnsiConsole.Write(table);

        var sweep = new Table().AddColumn("cascade").AddColumn("measure");
        foreach (var t in setup.Thresholds)
        {
            sweep.AddColumn(string.Create(CultureInfo.InvariantCulture, $"t={t:0.0}: quality / up"));
        }

        sweep.AddColumn($"matches {setup.Frontier} at");
        foreach (var p in report.Parity)
        {
            var cells = report.Cascades.Where(c => c.Members == p.Members && c.Measure == p.Measure)
                .Select(c => $"{Number(c.Quality)} / {Share(c.Escalated)}");
            var parity = p.Cheapest is { } c ? $"{(c.Threshold is { } t ? string.Create(CultureInfo.InvariantCulture, $"t={t:0.0}") : "no escalation")}: {Usd(c.Cost)}, {Share(c.Escalated)} up" : "never";
            sweep.AddRow([p.Members, Measure(p.Measure), .. cells, parity]);
        }

        AnsiConsole.Write(sweep);
    }

    // "meta/llama-2-70b-chat" → "llama-2-70b-chat": the organisation only widens the table.
    private static string Short(string model) => model[(model.IndexOf('/', StringComparison.Ordinal) + 1)..];

    private static string Measure(StrategyResult s) => s.Measure is { } m ? Measure(m) : "";

    private static string Measure(Locus.Routing.Ensembles.AgreementMeasure m) => m.ToString().ToLowerInvariant();

    private static string Number(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Usd(double value) => value.ToString("0.000000", CultureInfo.InvariantCulture);

    private static string Share(double value) => value.ToString("0%", CultureInfo.InvariantCulture);
}
