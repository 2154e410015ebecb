namespace Locus.RouterLab.Learning;

/// <summary>How the learned router does on one data set, measured honestly.</summary>
/// <param name="Name">The data set (folder or file name).</param>
/// <param name="Count">Items.</param>
/// <param name="NeedsStrongRate">Share of items where the strong model did better.</param>
/// <param name="GroupedAuc">AUC of grouped cross-validation within this data set (NaN with one group).</param>
/// <param name="GroupedApgr">APGR of the same out-of-fold scores.</param>
/// <param name="CrossAuc">AUC of a model trained on the other data sets only (null with one data set).</param>
/// <param name="CrossApgr">APGR of the same.</param>
public sealed record DataSetReport(string Name, int Count, double NeedsStrongRate, double GroupedAuc, double GroupedApgr, double? CrossAuc, double? CrossApgr);

/// <summary>The model trained on every item, and the per-data-set reports.</summary>
public sealed record TrainingResult(Routing.Learning.LinearRouterModel Model, IReadOnlyList<DataSetReport> Reports);

/// <summary>A named list of outcome items (one RouteLLM folder or one RouterBench file).</summary>
public sealed record NamedDataSet(string Name, IReadOnlyList<OutcomeItem> Items);
