using System.CommandLine;
using System.Globalization;
using Locus.Cli.Terminal;
using Locus.Core.Errors;
using Locus.RouterLab;
using Locus.RouterLab.Evaluation;
using Spectre.Console;

namespace Locus.Cli.Commands;

/// <summary>
/// `locus router eval`: RouteLLM's metrics (APGR, CPT(50%), CPT(80%)) of a router on per-prompt outcome data, beside the
/// random and oracle baselines, optionally as JSON and as an SVG plot of the PGR curve.
/// </summary>
internal static class RouterEvalCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "A RouteLLM folder (mmlu, gsm8k, mt_bench) or a RouterBench CSV", HelpName = "PATH", Required = true };
        var router = new Option<string?>("--router") { Description = $"The router to evaluate: {string.Join(", ", ScorerRegistry.Names)} (baselines are always computed)", HelpName = "NAME" };
        var weak = new Option<string>("--weak") { Description = "RouterBench: the weak model's column", HelpName = "COL", DefaultValueFactory = _ => OutcomeData.RouterBenchWeak };
        var strong = new Option<string>("--strong") { Description = "RouterBench: the strong model's column", HelpName = "COL", DefaultValueFactory = _ => OutcomeData.RouterBenchStrong };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (apgr, cpt50, cpt80, n, random, oracle)" };
        var plot = new Option<string?>("--plot") { Description = "Write an SVG plot of PGR against strong-call share", HelpName = "FILE.svg" };
        var command = new Command("eval", "Evaluate a router on per-prompt weak/strong outcomes (RouteLLM APGR and CPT)") { data, router, weak, strong, json, plot };
        command.SetAction((parse, _) => CliErrors.Run(() =>
        {
            var path = parse.GetValue(data)!;
            var items = OutcomeData.Load(path, parse.GetValue(weak)!, parse.GetValue(strong)!);
            RouterEvaluation? evaluation = null;
            if (parse.GetValue(router) is { } name)
            {
                var scorer = ScorerRegistry.Find(name)
                    ?? throw new LocusException(LocusError.Invalid($"no router '{name}': use one of {string.Join(", ", ScorerRegistry.Names)}", "router"));
                evaluation = RouterMetrics.Evaluate(scorer, items);
            }

            var random = RouterMetrics.Random(items);
            var oracle = RouterMetrics.Oracle(items);
            var models = File.Exists(path) ? CostQuality.LoadRouterBench(path) : null;
            if (parse.GetValue(json))
            {
                Console.WriteLine(EvaluationJson.Write(path, evaluation, random, oracle, models));
            }
            else
            {
                Print(path, evaluation, random, oracle);
                if (models is { Count: > 0 })
                    PrintModels(models);
            }

            if (parse.GetValue(plot) is { } svg)
            {
                List<RouterEvaluation> lines = evaluation is null ? [random, oracle] : [evaluation, random, oracle];
                File.WriteAllText(svg, PgrPlot.Svg($"PGR on {Path.GetFileName(Path.TrimEndingDirectorySeparator(path))} (n = {items.Count})", lines));
            }

            return Task.FromResult(0);
        }));
        return command;
    }

    private static void Print(string path, RouterEvaluation? evaluation, RouterEvaluation random, RouterEvaluation oracle)
    {
        AnsiConsole.MarkupLineInterpolated(
            $"[bold]{path}[/]: {random.Count} prompts; weak quality {random.WeakQuality:0.000}, strong {random.StrongQuality:0.000}");
        var table = new Table().AddColumns("router", "APGR", "CPT(50%)", "CPT(80%)");
        foreach (var e in evaluation is null ? [random, oracle] : new[] { evaluation, random, oracle })
            table.AddRow(e.Router, e.Apgr.ToString("0.000", CultureInfo.InvariantCulture), Share(e.Cpt50), Share(e.Cpt80));
        AnsiConsole.Write(table);
    }

    private static void PrintModels(IReadOnlyList<ModelPoint> models)
    {
        var hull = CostQuality.Hull(models).Select(m => m.Model).ToHashSet(StringComparer.Ordinal);
        var table = new Table().AddColumns("model", "mean cost (USD)", "quality", "on hull");
        foreach (var m in models.OrderBy(m => m.Cost))
            table.AddRow(m.Model, m.Cost.ToString("0.000000", CultureInfo.InvariantCulture), m.Quality.ToString("0.000", CultureInfo.InvariantCulture), hull.Contains(m.Model) ? "yes" : "");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"AIQ (area under the non-decreasing convex hull / cost range): [bold]{CostQuality.Aiq(models):0.000}[/]");
    }

    private static string Share(double? share) => share is { } s ? s.ToString("P2", CultureInfo.InvariantCulture) : "-";
}
