using System.CommandLine;
using Locus.Cli.Terminal;
using Locus.Core.Errors;
using Locus.RouterLab;
using Locus.RouterLab.Data;
using Locus.RouterLab.Evaluation;
using Locus.RouterLab.Learning;

namespace Locus.Cli.Commands;

/// <summary>
/// `locus router eval`: RouteLLM's metrics (APGR, CPT(50%), CPT(80%)) of a router on per-prompt outcome data, beside the
/// random and oracle baselines; on RouterBench also cost–quality (AIQ, cost at the best single model's quality);
/// optionally as JSON and as an SVG plot of the PGR curve. Honest modes: `--router learned-cv` (grouped
/// cross-validation on the data itself) and `--train OTHER` (a router trained on other data sets only).
/// </summary>
internal static class RouterEvalCommand
{
    private const string CrossValidated = "learned-cv";

    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "A RouteLLM folder (mmlu, gsm8k, mt_bench) or a RouterBench CSV", HelpName = "PATH", Required = true };
        var router = new Option<string?>("--router") { Description = $"The router to evaluate: {string.Join(", ", ScorerRegistry.Names.Append(CrossValidated).Order(StringComparer.Ordinal))} (baselines are always computed)", HelpName = "NAME" };
        var train = new Option<string?>("--train") { Description = "Train a fresh learned router on these data sets only and evaluate it (prompts also in --data are dropped from training)", HelpName = "PATH[,PATH...]" };
        var share = new Option<double?>("--cloud-share") { Description = "Check a calibrated threshold: the strong-call share realised here when the router is calibrated for this share (learned routers)", HelpName = "0..1" };
        var weak = new Option<string>("--weak") { Description = "RouterBench: the weak model's column", HelpName = "COL", DefaultValueFactory = _ => OutcomeData.RouterBenchWeak };
        var strong = new Option<string>("--strong") { Description = "RouterBench: the strong model's column", HelpName = "COL", DefaultValueFactory = _ => OutcomeData.RouterBenchStrong };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (apgr, cpt50, cpt80, n, random, oracle, …)" };
        var plot = new Option<string?>("--plot") { Description = "Write an SVG plot of PGR against strong-call share", HelpName = "FILE.svg" };
        var command = new Command("eval", "Evaluate a router on per-prompt weak/strong outcomes (RouteLLM APGR and CPT; RouterBench AIQ)")
        {
            data, router, train, share, weak, strong, json, plot,
        };
        command.SetAction((parse, _) => CliErrors.Run(() =>
        {
            var path = parse.GetValue(data)!;
            var items = OutcomeData.Load(path, parse.GetValue(weak)!, parse.GetValue(strong)!);
            var (scorer, note) = Scorer(parse.GetValue(router), parse.GetValue(train), items);
            var report = Evaluate(path, items, scorer, parse.GetValue(share)) with { Note = note };
            if (parse.GetValue(json))
            {
                Console.WriteLine(EvaluationJson.Write(report));
            }
            else
            {
                RouterEvalOutput.Print(report);
            }

            if (parse.GetValue(plot) is { } svg)
            {
                List<RouterEvaluation> lines = report.Router is null ? [report.Random, report.Oracle] : [report.Router, report.Random, report.Oracle];
                File.WriteAllText(svg, PgrPlot.Svg($"PGR on {Path.GetFileName(Path.TrimEndingDirectorySeparator(path))} (n = {items.Count})", lines));
            }

            return Task.FromResult(0);
        }));
        return command;
    }

    private static (IPromptScorer? Scorer, string? Note) Scorer(string? name, string? train, IReadOnlyList<OutcomeItem> items)
    {
        if (train is not null)
        {
            if (name is not null && !string.Equals(name, "learned", StringComparison.OrdinalIgnoreCase))
            {
                throw new LocusException(LocusError.Invalid("--train trains the learned router; leave out --router or pass --router learned", "router"));
            }

            var sets = RouterTraining.Load(train.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            var held = HeldOutTraining.Train(sets, items, TrainingOptions.Default);
            return (held.Scorer, $"trained on {held.Trained} prompts; {held.Excluded} training prompts dropped because this data has them too");
        }

        if (name is null)
        {
            return (null, null);
        }

        if (string.Equals(name, CrossValidated, StringComparison.OrdinalIgnoreCase))
        {
            return (LearnedScorer.CrossValidated(items, 5, TrainingOptions.Default), "grouped 5-fold cross-validation: each prompt scored by a model that never saw its group");
        }

        return (ScorerRegistry.Find(name) ?? throw new LocusException(LocusError.Invalid(
            $"no router '{name}': use one of {string.Join(", ", ScorerRegistry.Names.Append(CrossValidated))}", "router")), null);
    }

    private static EvaluationReport Evaluate(string path, IReadOnlyList<OutcomeItem> items, IPromptScorer? scorer, double? share)
    {
        var scores = scorer is null ? null : items.Select(i => scorer.Score(i.Prompt)).ToArray();
        var report = new EvaluationReport(path, scorer is null ? null : RouterMetrics.Evaluate(scorer.Name, items, scores!),
            RouterMetrics.Random(items), RouterMetrics.Oracle(items))
        {
            Models = File.Exists(path) ? CostQuality.LoadRouterBench(path) : null,
        };
        if (share is { } s)
        {
            if (s is < 0 or > 1)
            {
                throw new LocusException(LocusError.Invalid("--cloud-share is a share from 0 to 1, e.g. 0.3", "cloud-share"));
            }

            var calibration = (scorer as LearnedScorer)?.Calibration ?? throw new LocusException(LocusError.Invalid(
                "--cloud-share needs a calibrated router: --router learned, or --train DATA", "cloud-share"));
            report = report with { Share = ShareCheck.Measure(calibration, s, items, scores!) };
        }

        if (report.BestModel is { } best && RouterCostCurve.HasCosts(items))
        {
            List<RouterCost> costs = [RouterCost.Of("random", items, new double[items.Count], best.Quality),
                RouterCost.Of("oracle", items, items.Select(i => i.StrongQuality - i.WeakQuality).ToArray(), best.Quality)];
            if (scores is not null)
            {
                costs.Insert(0, RouterCost.Of(scorer!.Name, items, scores, best.Quality));
            }

            report = report with { Costs = costs };
        }

        return report;
    }
}
