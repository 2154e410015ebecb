namespace Locus.RouterLab.Evaluation;

/// <summary>One model (or router) on a multi-model data set: mean cost per prompt (USD) and mean quality (0..1).</summary>
public sealed record ModelPoint(string Model, double Cost, double Quality);
