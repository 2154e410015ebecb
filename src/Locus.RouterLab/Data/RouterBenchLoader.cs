using System.Globalization;
using Locus.Core.Errors;

namespace Locus.RouterLab.Data;

/// <summary>
/// A RouterBench CSV (sample_id, prompt, eval_name, one 0..1 correctness column per model, <c>model|model_response</c>,
/// <c>model|total_cost</c>). Rows where a chosen model has no recorded outcome (an empty cell; a few in arc_challenge)
/// are left out, as are contaminated prompts. Two-model items carry both models' recorded cost when the file has it.
/// </summary>
internal static class RouterBenchLoader
{
    public static IReadOnlyList<OutcomeItem> Load(string path, string weakColumn, string strongColumn)
    {
        var table = CsvTable.Load(path);
        int prompt = table.Column("prompt"), group = table.Column("eval_name");
        int weak = table.Column(weakColumn), strong = table.Column(strongColumn);
        int weakCost = Array.IndexOf([.. table.Header], weakColumn + CostSuffix), strongCost = Array.IndexOf([.. table.Header], strongColumn + CostSuffix);
        var contaminated = ContaminatedPrompts.Load(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
        return table.Rows
            .Where(row => !string.IsNullOrWhiteSpace(row[weak]) && !string.IsNullOrWhiteSpace(row[strong]))
            .Where(row => !contaminated.Contains(row[prompt].Trim()))
            .Select(row => new OutcomeItem(row[prompt], row[group], OutcomeValues.Parse(row[weak], path), OutcomeValues.Parse(row[strong], path),
                OptionalCost(row, weakCost), OptionalCost(row, strongCost)))
            .ToList();
    }

    public const string CostSuffix = "|total_cost";

    private static double? OptionalCost(IReadOnlyList<string> row, int column) =>
        column >= 0 && double.TryParse(row[column], NumberStyles.Float, CultureInfo.InvariantCulture, out var cost) ? cost : null;

    /// <summary>Every listed model's correctness, response text and cost per prompt, models in the order given.</summary>
    public static IReadOnlyList<MultiModelItem> LoadAnswers(string path, IReadOnlyList<string> models)
    {
        var table = CsvTable.Load(path);
        int prompt = table.Column("prompt"), group = table.Column("eval_name");
        var columns = models.Select(m => (Quality: table.Column(m), Response: table.Column(m + "|model_response"), Cost: table.Column(m + CostSuffix))).ToArray();
        var contaminated = ContaminatedPrompts.Load(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
        return table.Rows
            .Where(row => columns.All(c => !string.IsNullOrWhiteSpace(row[c.Quality])))
            .Where(row => !contaminated.Contains(row[prompt].Trim()))
            .Select(row => new MultiModelItem(row[prompt], row[group], [.. columns.Select(c => new ModelAnswer(
                OutcomeValues.Parse(row[c.Quality], path), PythonListText.Unwrap(row[c.Response]), Cost(row[c.Cost], path)))]))
            .ToList();
    }

    private static double Cost(string cell, string path) =>
        string.IsNullOrWhiteSpace(cell) ? 0
        : double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var usd) && usd >= 0 ? usd
        : throw new LocusException(LocusError.Invalid($"{path}: '{cell}' is not a cost in USD"));
}
