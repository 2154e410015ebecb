using System.CommandLine;
using System.Globalization;
using Locus.Cli.Terminal;
using Locus.Core.Errors;
using Locus.RouterLab.Evaluation;
using Locus.RouterLab.Learning;
using Spectre.Console;

namespace Locus.Cli.Commands;

/// <summary>`locus router train`: fits the learned complexity router on outcome data and writes the model file.</summary>
internal static class RouterTrainCommand
{
    public static Command Create()
    {

        var data = new Option<string>("--data") { Description = "Outcome data: RouteLLM folders (mmlu, gsm8k, mt_bench or their parent) or RouterBench CSVs, comma-separated", HelpName = "PATH[,PATH...]", Required = true };
        var output = new Option<string>("--out") { Description = "Model file to write", HelpName = "FILE", Required = true };
        var folds = new Option<int>("--folds") { Description = "Grouped cross-validation folds (groups = subjects/categories)", HelpName = "K", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Seed for shuffling and fold assignment (same seed, same model)", HelpName = "N", DefaultValueFactory = _ => 42 };
        var epochs = new Option<int>("--epochs") { Description = "SGD passes over the data", DefaultValueFactory = _ => TrainingOptions.Default.Epochs };
        var l2 = new Option<double>("--l2") { Description = "L2 regularization strength", DefaultValueFactory = _ => TrainingOptions.Default.L2 };
        var rate = new Option<double>("--learning-rate") { Description = "Initial SGD step", DefaultValueFactory = _ => TrainingOptions.Default.LearningRate };
        var command = new Command("train", "Train the learned complexity router (logistic regression on hashed n-grams) and report honest grouped-CV metrics")
        {
            data, output, folds, seed, epochs, l2, rate,
        };
        command.SetAction((parse, cancellationToken) => CliErrors.Run(() =>
        {
            var k = parse.GetValue(folds);
            if (k < 2)
            {
                throw new LocusException(LocusError.Invalid("--folds must be at least 2", "folds"));
            }

            var options = TrainingOptions.Default with { Seed = parse.GetValue(seed), Epochs = parse.GetValue(epochs), L2 = parse.GetValue(l2), LearningRate = parse.GetValue(rate) };
            var paths = parse.GetValue(data)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var sets = RouterTraining.Load(paths);
            var result = RouterTraining.Run(sets, k, options);
            Print(result.Reports);

            var file = parse.GetValue(output)!;
            result.Model.Save(file);
            AnsiConsole.MarkupLineInterpolated($"Wrote [bold]{file}[/] ({new FileInfo(file).Length / 1024} KiB, {result.Model.Config.Dimension} features).");
            return Task.FromResult(0);
        }));
        return command;
    }

    private static void Print(IReadOnlyList<DataSetReport> reports)
    {
        var table = new Table().AddColumns("data set", "items", "needs strong", "grouped-CV AUC", "grouped-CV APGR", "cross-set AUC", "cross-set APGR");
        foreach (var r in reports)
        {
            table.AddRow(r.Name, r.Count.ToString(CultureInfo.InvariantCulture), F(r.NeedsStrongRate), F(r.GroupedAuc), F(r.GroupedApgr),
                r.CrossAuc is { } a ? F(a) : "-", r.CrossApgr is { } p ? F(p) : "-");
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("[grey]Grouped CV never scores an item with a model trained on its group; cross-set trains on the other data sets only. Random routing has APGR ≈ 0.5.[/]");
    }

    private static string F(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.000", CultureInfo.InvariantCulture);
}
