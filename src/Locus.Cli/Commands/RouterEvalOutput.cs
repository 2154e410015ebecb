using System.Globalization;
using Locus.RouterLab.Evaluation;
using Spectre.Console;

namespace Locus.Cli.Commands;

/// <summary>The terminal form of a router evaluation.</summary>
internal static class RouterEvalOutput
{
    public static void Print(EvaluationReport report)
    {
        var random = report.Random;
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(report.Data)}[/]: {random.Count} prompts; weak quality {F(random.WeakQuality)}, strong {F(random.StrongQuality)}");
        if (report.Note is { } note)
        {
            AnsiConsole.MarkupLine($"[grey]{Markup.Escape(note)}[/]");
        }

        var table = new Table().AddColumns("router", "APGR", "CPT(50%)", "CPT(80%)");
        foreach (var e in report.Router is null ? [random, report.Oracle] : new[] { report.Router, random, report.Oracle })
        {
            table.AddRow(Markup.Escape(e.Router), F(e.Apgr), Share(e.Cpt50), Share(e.Cpt80));
        }

        AnsiConsole.Write(table);
        if (report.Share is { } share)
        {
            AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"Calibrated for {share.TargetShare:P0} cloud calls (threshold {share.Threshold:0.000}): [bold]{share.RealizedShare:P1}[/] of these prompts go to the strong model; quality {share.Quality:0.000}, PGR {share.Pgr:0.000}."));
        }

        if (report.Models is { Count: > 0 } models)
        {
            PrintModels(models);
        }

        if (report.Costs is { Count: > 0 } costs)
        {
            PrintCosts(costs, report.BestModel!);
        }
    }

    private static void PrintModels(IReadOnlyList<ModelPoint> models)
    {
        var hull = CostQuality.Hull(models).Select(m => m.Model).ToHashSet(StringComparer.Ordinal);
        var table = new Table().AddColumns("model", "mean cost (USD)", "quality", "on hull");
        foreach (var m in models.OrderBy(m => m.Cost))
        {
            table.AddRow(Markup.Escape(m.Model), Usd(m.Cost), F(m.Quality), hull.Contains(m.Model) ? "yes" : "");
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"AIQ of the models (area under the non-decreasing convex hull / cost range): [bold]{F(CostQuality.Aiq(models))}[/]");
    }

    private static void PrintCosts(IReadOnlyList<RouterCost> costs, ModelPoint best)
    {
        AnsiConsole.MarkupLine($"Best single model: [bold]{Markup.Escape(best.Model)}[/], quality {F(best.Quality)} at {Usd(best.Cost)} per prompt.");
        var table = new Table().AddColumns("router (weak/strong pair)", "AIQ", "best quality", "cost at the best model's quality");
        foreach (var c in costs)
        {
            table.AddRow(Markup.Escape(c.Router), F(c.Aiq), F(c.BestQuality), c.CostAtBestSingle is { } cost ? Usd(cost) : "never reached");
        }

        AnsiConsole.Write(table);
    }

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Usd(double value) => value.ToString("0.000000", CultureInfo.InvariantCulture);

    private static string Share(double? share) => share is { } s ? s.ToString("P2", CultureInfo.InvariantCulture) : "-";
}
