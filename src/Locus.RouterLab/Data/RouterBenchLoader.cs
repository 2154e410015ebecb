using System.Globalization;

namespace Locus.RouterLab.Data;

/// <summary>
/// A RouterBench CSV (sample_id, prompt, eval_name, one 0..1 correctness column per model, responses, costs). Rows where
/// either chosen model has no recorded outcome (an empty cell; a few in arc_challenge) are left out. Each item carries
/// both models' recorded cost (<c>&lt;model&gt;|total_cost</c>) when the file has those columns.
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
                Cost(row, weakCost), Cost(row, strongCost)))
            .ToList();
    }

    public const string CostSuffix = "|total_cost";

    private static double? Cost(IReadOnlyList<string> row, int column) =>
        column >= 0 && double.TryParse(row[column], NumberStyles.Float, CultureInfo.InvariantCulture, out var cost) ? cost : null;
}
